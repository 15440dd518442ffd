// Every client README's "Try it against the mock" example runs as written against the real Prism mock of its API
// (only the port is swapped for a free one).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMocks, type ApiId, type Mocks } from "@backup-links/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_PACKAGES, run } from "../src/published.ts";

let mocks: Mocks;
const ids = CLIENT_PACKAGES.map((p) => p.name.replace("@backup-links/", "") as ApiId);

beforeAll(async () => {
  mocks = await startMocks({ apis: ids });
}, 120_000);
afterAll(() => mocks?.stop());

/** The README's fenced block that starts with `// example.mjs`. */
function exampleOf(dir: string): string {
  const readme = readFileSync(join(dir, "README.md"), "utf8");
  const block = /```js\n(\/\/ example\.mjs[\s\S]*?)```/.exec(readme);
  if (!block) throw new Error(`${dir}/README.md has no \`// example.mjs\` block`);
  return block[1]!;
}

describe.each(CLIENT_PACKAGES.map((p) => [p.name, p.dir] as const))("%s README example", (name, dir) => {
  it("runs against the mock and prints the links' details", async () => {
    const code = exampleOf(dir);
    expect(code).toContain('baseUrl: "http://127.0.0.1:4010"');
    // Written beside this test so that the package name resolves through this workspace's node_modules.
    const file = join(import.meta.dirname, `.readme-example-${name.replace("@backup-links/", "")}.mjs`);
    writeFileSync(file, code.replace("http://127.0.0.1:4010", mocks.urls[name.replace("@backup-links/", "") as ApiId]!));
    try {
      const { stdout, stderr } = await run(process.execPath, [file]);
      expect(stderr).toBe("");
      expect(stdout.trim().length).toBeGreaterThan(0);
      expect(stdout).not.toMatch(/undefined undefined|NaN/);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
