// publint and "Are the types wrong?" on the tarballs exactly as they would be published.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, inject, it } from "vitest";
import { PUBLISHED_PACKAGES, run } from "../src/published.ts";

const ATTW = join(import.meta.dirname, "../node_modules/.bin/attw");
// The packages are ESM-only, so the esm-only profile: it checks node16 (ESM) and bundler resolution and ignores
// node10 (no `exports` support) and node16-cjs (a CommonJS consumer would need require(esm)).
const IGNORED_BY_ESM_ONLY = new Set(["node10", "node16-cjs"]);

/** What `tsc -p tsconfig.build.json` emits for a package's sources: `dist/<module>.js` and `.d.ts` per `src/<module>.ts`. */
function builtFromSources(dir: string): string[] {
  const sources = readdirSync(join(dir, "src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  return sources.flatMap((file) => [`dist/${file.replace(/\.ts$/, ".d.ts")}`, `dist/${file.replace(/\.ts$/, ".js")}`]);
}

describe.each(PUBLISHED_PACKAGES.map((p) => [p.name, p.dir] as const))("%s as published", (name, dir) => {
  it("carries exactly dist/ as built from src/ (no source maps, tests or leftovers of older builds), README, LICENSE", async () => {
    const { stdout } = await run("tar", ["-tzf", inject("tarballs")[name]!]);
    const files = stdout.split("\n").filter(Boolean).map((file) => file.replace(/^package\//, ""));
    expect(files.sort()).toEqual([...builtFromSources(dir), "LICENSE", "README.md", "package.json"].sort());
  });

  it("passes publint with no message at all (suggestions included, warnings as errors)", async () => {
    const bytes = readFileSync(inject("tarballs")[name]!);
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const { messages, pkg } = await publint({ pack: { tarball }, level: "suggestion", strict: true });
    expect(messages.map((m) => formatMessage(m, pkg, { color: false }))).toEqual([]);
  });

  it.concurrent("passes attw --profile esm-only", async () => {
    const args = [inject("tarballs")[name]!, "--profile", "esm-only", "--no-definitely-typed", "--format", "json"];
    const outcome = await run(ATTW, args).then(
      ({ stdout }) => ({ exitCode: 0, stdout }),
      (error: { code?: number; stdout?: string }) => ({ exitCode: error.code ?? -1, stdout: error.stdout ?? "{}" }),
    );
    const report = JSON.parse(outcome.stdout) as {
      analysis: { problems: Array<{ resolutionKind?: string }>; entrypoints: Record<string, unknown> };
    };
    expect(report.analysis.problems.filter((p) => !IGNORED_BY_ESM_ONLY.has(p.resolutionKind ?? ""))).toEqual([]);
    expect(outcome.exitCode).toBe(0);
    expect(Object.keys(report.analysis.entrypoints)).toContain(".");
  });
});
