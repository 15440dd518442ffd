// A newcomer's first command, `pnpm install --frozen-lockfile` in a fresh clone, prints no warning: no "Failed to
// create bin" for workspace commands that exist only after a build, no "Ignored build scripts" box. Runs the install
// in a copy of what a clone holds (the files git tracks or would add, as they are in the working tree: no dist/,
// no node_modules/), from the local store, so it needs no network and takes a few seconds.
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { REPO_ROOT } from "../src/published.ts";

const exec = promisify(execFile);

/** pnpm as the test runner was started with it (`pnpm test` sets npm_execpath), else from PATH. */
function pnpm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const execpath = process.env["npm_execpath"];
  return execpath && /pnpm/.test(execpath)
    ? exec(process.execPath, [execpath, ...args], { cwd, env })
    : exec("pnpm", args, { cwd, env });
}

/** The environment without the npm_* settings `pnpm test` passes down, so the install reads only the clone's config. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { CI: "true" };
  for (const [name, value] of Object.entries(process.env)) if (!/^npm_/i.test(name) && name !== "CI") env[name] = value;
  return env;
}

let clone: string;
let output: string;

beforeAll(async () => {
  clone = mkdtempSync(join(tmpdir(), "backup-links-fresh-clone-"));
  const { stdout: files } = await exec("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO_ROOT });
  for (const file of files.split("\0").filter(Boolean)) {
    if (!existsSync(join(REPO_ROOT, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(clone, file));
  }
  const { stdout: store } = await pnpm(["store", "path"], REPO_ROOT);
  const install = await pnpm(["install", "--frozen-lockfile", "--prefer-offline", "--store-dir", store.trim()], clone, cleanEnvironment());
  output = `${install.stdout}\n${install.stderr}`;
});

afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true });
});

it("a fresh clone installs without a single warning", () => {
  expect(output).toMatch(/^Done in /m);
  expect(output.split("\n").filter((line) => /warn/i.test(line))).toEqual([]);
});

it("links the workspace commands before any build (their committed bin stubs import dist/ when run)", () => {
  for (const bin of [
    "packages/cli/node_modules/.bin/backup-links-mock",
    "tools/bench/node_modules/.bin/backup-links",
    "tools/package-tests/node_modules/.bin/backup-links",
    "tools/package-tests/node_modules/.bin/backup-links-mock",
  ]) {
    expect([bin, existsSync(join(clone, bin))]).toEqual([bin, true]);
  }
  expect(existsSync(join(clone, "packages/cli/dist"))).toBe(false);
});
