/**
 * The hand-written HTTP client the engine replaced (raw-http.ts + classic-http.ts), rebuilt from git history so the
 * engine suite can measure it in the same run: the download folder as it was in the parent of the commit that
 * deleted raw-http.ts (or at HEAD while it still exists), bundled with esbuild into one ES module that exports
 * `downloadFile` like the current library does. Needs the repository's history (not a shallow clone).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { REPO_ROOT } from "./paths.js";
import { runCommand } from "./proc.js";

const RAW_HTTP = "packages/cli/src/download/raw-http.ts";

export async function buildOldClient(dir: string): Promise<{ moduleUrl: string; commit: string }> {
  const git = async (args: string[]): Promise<string> => {
    const r = await runCommand("git", args, { cwd: REPO_ROOT, timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr.trim().slice(0, 200)}`);
    return r.stdout.trim();
  };
  const atHead = (await runCommand("git", ["cat-file", "-e", `HEAD:${RAW_HTTP}`], { cwd: REPO_ROOT })).code === 0;
  const deletion = atHead ? "" : await git(["rev-list", "-n", "1", "HEAD", "--", RAW_HTTP]);
  if (!atHead && deletion === "") throw new Error(`${RAW_HTTP} is not in this clone's history`);
  const commit = atHead ? await git(["rev-parse", "--short", "HEAD"]) : await git(["rev-parse", "--short", `${deletion}^`]);
  const source = path.join(dir, "old-client-src");
  await mkdir(source, { recursive: true });
  const archive = await runCommand("sh", ["-c", `git archive ${commit} packages/cli/src/download | tar -x -C "${source}"`], { cwd: REPO_ROOT, timeoutMs: 60_000 });
  if (archive.code !== 0) throw new Error(`git archive failed: ${archive.stderr.trim().slice(0, 200)}`);
  const outfile = path.join(dir, "old-client.mjs");
  await build({
    entryPoints: [path.join(source, "packages/cli/src/download/download-file.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "silent",
  });
  return { moduleUrl: pathToFileURL(outfile).href, commit };
}
