import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { API_IDS } from "../dist/index.js";
import { PACKAGE_DIR, privateTmp, runNode, waitForNoLeftovers } from "./helpers.js";
import { exampleRequests, send } from "./spec-requests.js";

const exec = promisify(execFile);
const CORE_DIR = join(PACKAGE_DIR, "..", "core");

/** pnpm as the test runner was started with it (`pnpm test` sets npm_execpath), else from PATH. */
function pnpm(args: string[], cwd: string): Promise<{ stdout: string }> {
  const execpath = process.env["npm_execpath"];
  return execpath && /pnpm/.test(execpath)
    ? exec(process.execPath, [execpath, ...args], { cwd })
    : exec("pnpm", args, { cwd });
}

it(
  "the packed tarball, installed with npm outside the workspace, mocks all seven APIs",
  async () => {
    const work = mkdtempSync(join(tmpdir(), "bl-mock-pack-"));
    const tmp = privateTmp("pack");
    try {
      // Pack exactly what would be published, and check it carries the specs and nothing private.
      await pnpm(["pack", "--pack-destination", work], PACKAGE_DIR);
      const tarball = join(work, "backup-links-mock-0.1.0.tgz");
      const { stdout: listing } = await exec("tar", ["-tzf", tarball]);
      const files = listing.split("\n").filter(Boolean).sort();
      for (const id of API_IDS) expect(files).toContain(`package/specs/${id}.json`);
      for (const file of ["package/dist/bin.js", "package/dist/index.js", "package/dist/index.d.ts", "package/dist/guard.cjs", "package/README.md", "package/LICENSE", "package/package.json"]) {
        expect(files).toContain(file);
      }
      expect(files.filter((file) => /^package\/(src|test|scripts)\//.test(file))).toEqual([]);
      // dist/ is exactly what the build emits from src/ (it starts from an empty dist): no maps, no old leftovers.
      // Files only (src/ has sub-directories since the mock cloud); tar lists files, not directories.
      const emitted = readdirSync(join(PACKAGE_DIR, "src"), { recursive: true, encoding: "utf8" })
        .filter((file) => /\.c?ts$/.test(file))
        .flatMap((file) =>
        file.endsWith(".cts") ? [file.replace(/\.cts$/, ".cjs"), file.replace(/\.cts$/, ".d.cts")] : [file.replace(/\.ts$/, ".js"), file.replace(/\.ts$/, ".d.ts")],
      );
      expect(files.filter((file) => file.startsWith("package/dist/"))).toEqual(emitted.map((file) => `package/dist/${file}`).sort());

      // pnpm pack turned the workspace dependency on @backup-links/core into a version range; core is published
      // alongside, so it is installed from its own tarball (as the registry would serve it at release).
      const { stdout: manifest } = await exec("tar", ["-xzOf", tarball, "package/package.json"]);
      const { version: coreVersion } = JSON.parse(readFileSync(join(CORE_DIR, "package.json"), "utf8")) as { version: string };
      expect((JSON.parse(manifest) as { dependencies: Record<string, string> }).dependencies["@backup-links/core"]).toBe(`^${coreVersion}`);
      await pnpm(["pack", "--pack-destination", work], CORE_DIR);
      const coreTarball = join(work, `backup-links-core-${coreVersion}.tgz`);

      // A clean project that only knows the npm registry and the two tarballs.
      const app = join(work, "app");
      mkdirSync(app);
      writeFileSync(join(app, "package.json"), JSON.stringify({ name: "mock-user", version: "1.0.0", private: true }));
      await exec("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", coreTarball, tarball], { cwd: app, timeout: 240_000 });

      const installed = join(app, "node_modules", "@backup-links", "mock");
      const run = runNode(join(app, "node_modules", ".bin", "backup-links-mock"), ["--port", "0"], { TMPDIR: tmp.dir });
      try {
        await run.waitFor("Press Ctrl-C to stop them.\n", 90_000);
        const urls = Object.fromEntries([...run.stdout().matchAll(/^(\S+)\s+(http:\/\/\S+)$/gm)].map((row) => [row[1], row[2]]));
        expect(Object.keys(urls)).toEqual([...API_IDS]);
        // Seven Prism processes, all run by the installed package (its guard), none by the workspace's.
        const prisms = await waitForNoLeftovers({ marker: tmp.dir }, 0);
        expect(prisms.filter((row) => row.args.includes(join(installed, "dist", "guard.cjs")))).toHaveLength(7);
        for (const id of API_IDS) {
          const [request] = exampleRequests(join(installed, "specs", `${id}.json`)).filter((r) => !r.deprecated);
          const response = await send(urls[id] as string, request!);
          expect([id, response.status, response.headers.get("sl-violations")]).toEqual([id, 200, null]);
        }
        run.child.kill("SIGTERM");
        expect((await run.exit).code).toBe(0);
        expect(await waitForNoLeftovers({ marker: tmp.dir })).toEqual([]);
      } finally {
        run.child.kill("SIGKILL");
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
      tmp.cleanup();
    }
  },
  420_000,
);
