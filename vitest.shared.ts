import { defineConfig, type ViteUserConfig } from "vitest/config";

/**
 * The one vitest configuration every workspace package extends. The JSON report under
 * test-results/ is what `.ci/run` sums into its closing `N passed, N failed` line, so a
 * package that skips it silently drops out of the count.
 */
export function packageTestConfig(overrides: ViteUserConfig["test"] = {}): ViteUserConfig {
  const reportName = process.env.BACKUP_LINKS_TEST_REPORT ?? "vitest";
  return defineConfig({
    test: {
      environment: "node",
      include: ["test/**/*.test.ts", "src/**/*.test.ts"],
      reporters: ["default", ["json", { outputFile: `test-results/${reportName}.json` }]],
      testTimeout: 20_000,
      ...overrides,
    },
  });
}
