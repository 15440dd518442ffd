/**
 * Suite 3: what a user carries. Three measures:
 * - install size: the package and everything npm pulls in for it. Our packages are packed with `pnpm pack` (which
 *   rewrites `workspace:` ranges as publishing does), then `npm install`ed together with the official SDK packages'
 *   registry versions into empty temporary projects; `du -sb node_modules`.
 * - browser bundle: esbuild `--bundle --minify --format=esm --platform=browser` of an entry that re-exports the
 *   client factory, gzip level 9. A package that needs Node built-ins fails here, and the error says which.
 * - cold import: a fresh `node --input-type=module -e "await import(...)"` process, median wall time of N runs,
 *   minus the median of the same process importing nothing.
 */
import { readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { BENCH_DIR, CLIENTS, REPO_ROOT } from "../paths.js";
import { runChecked, runCommand } from "../proc.js";
import { median } from "../stats.js";
import { makeTempDir, removeTempDir } from "../temp-dirs.js";

// ---------------------------------------------------------------------------------------------------------------
// browser bundle

export interface BundleResult {
  name: string;
  kind: "ours" | "official";
  entry: string;
  minifiedBytes?: number;
  gzipBytes?: number;
  error?: string;
}

export async function bundleSize(
  name: string,
  kind: "ours" | "official",
  entry: string,
  resolveDir: string = BENCH_DIR,
): Promise<BundleResult> {
  try {
    const result = await build({
      stdin: { contents: entry, resolveDir, loader: "js", sourcefile: "bench-entry.js" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
      legalComments: "none",
      // As an app bundles the installed packages: no workspace tsconfig.json (core's `paths` point its `#digest` and
      // `#fast-paths` imports at the Node sources, for its own typecheck), so the package `imports` "browser" condition decides.
      tsconfigRaw: {},
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    return { name, kind, entry, minifiedBytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string }> }).errors;
    const unresolved = [
      ...new Set(
        (errors ?? [])
          .map((e) => /Could not resolve "([^"]+)"/.exec(e.text)?.[1])
          .filter((s): s is string => s !== undefined),
      ),
    ];
    const message =
      unresolved.length > 0
        ? `cannot be bundled for a browser: needs ${unresolved.map((s) => `"${s}"`).join(", ")} (Node built-ins or missing packages)`
        : `bundling failed: ${(errors?.[0]?.text ?? String(error)).slice(0, 300)}`;
    return { name, kind, entry, error: message };
  }
}

export function clientBundleEntries(): Array<{ name: string; entry: string }> {
  return CLIENTS.map((c) => ({ name: `@backup-links/${c.id}`, entry: `export { ${c.factory} } from "@backup-links/${c.id}";` }));
}

export const OFFICIAL_BUNDLE_ENTRIES = [
  {
    name: "@huaweicloud/huaweicloud-sdk-core (ClientBuilder + BasicCredentials)",
    entry:
      'export { ClientBuilder } from "@huaweicloud/huaweicloud-sdk-core/ClientBuilder";\n' +
      'export { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";',
  },
  { name: "jdcloud-sdk-js RDS service", entry: 'export { default } from "jdcloud-sdk-js/src/services/rds.js";' },
];

// ---------------------------------------------------------------------------------------------------------------
// install size

export interface InstallSizeResult {
  name: string;
  kind: "ours" | "official";
  /** What was installed: registry specs or packed tarball names. */
  installed: string[];
  bytes?: number;
  packages?: number;
  error?: string;
}

/** Packs a workspace package with `pnpm pack` into `destination`; returns the tarball path. */
export async function packWorkspacePackage(packageDir: string, destination: string): Promise<string> {
  const result = await runChecked("pnpm", ["pack", "--pack-destination", destination], {
    cwd: packageDir,
    env: { ...process.env, CI: "true" },
    timeoutMs: 120_000,
  });
  const tarball = result.stdout
    .trim()
    .split("\n")
    .map((line) => line.trim())
    .reverse()
    .find((line) => line.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`pnpm pack printed no tarball name: ${result.stdout.slice(-300)}`);
  return path.isAbsolute(tarball) ? tarball : path.join(destination, path.basename(tarball));
}

/** Counts installed packages (directories with a package.json directly under some node_modules). */
async function countPackages(nodeModules: string): Promise<number> {
  let count = 0;
  const visit = async (dir: string): Promise<void> => {
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith(".")) continue;
      const full = path.join(dir, entry);
      if (entry.startsWith("@")) {
        await visit(full);
        continue;
      }
      try {
        await stat(path.join(full, "package.json"));
        count++;
        await visit(path.join(full, "node_modules"));
      } catch {
        // not a package
      }
    }
  };
  await visit(nodeModules);
  return count;
}

/** `du -sb` of a directory (apparent bytes, directories included), as the brief's measure of install size. */
export async function duBytes(dir: string): Promise<number> {
  const result = await runChecked("du", ["-sb", dir]);
  const bytes = Number(result.stdout.trim().split(/\s+/)[0]);
  if (!Number.isFinite(bytes)) throw new Error(`du printed ${result.stdout}`);
  return bytes;
}

export interface InstallOptions {
  /** `--offline` for npm (the smoke test: nothing may come from the network). */
  offline?: boolean;
  timeoutMs?: number;
}

/** `npm install`s `specs` (tarball paths or registry specs) into a new temporary project and measures it. */
export async function installSize(
  name: string,
  kind: "ours" | "official",
  specs: string[],
  options: InstallOptions = {},
): Promise<InstallSizeResult> {
  const dir = await makeTempDir("backup-links-bench-install-");
  const installed = specs.map((s) => (path.isAbsolute(s) ? path.basename(s) : s));
  try {
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "bench-install", private: true }));
    await runChecked(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        "--no-package-lock",
        "--loglevel=error",
        options.offline ? "--offline" : "--prefer-offline",
        ...specs,
      ],
      { cwd: dir, timeoutMs: options.timeoutMs ?? 300_000 },
    );
    const nodeModules = path.join(dir, "node_modules");
    return { name, kind, installed, bytes: await duBytes(nodeModules), packages: await countPackages(nodeModules) };
  } catch (error) {
    return { name, kind, installed, error: (error instanceof Error ? error.message : String(error)).slice(0, 400) };
  } finally {
    await removeTempDir(dir);
  }
}

/** Our packages as published (packed), and the official SDK packages at the versions the bench pins. */
export async function measureInstallSizes(options: InstallOptions = {}): Promise<InstallSizeResult[]> {
  const packDir = await makeTempDir("backup-links-bench-pack-");
  try {
    const pack = (id: string) => packWorkspacePackage(path.join(REPO_ROOT, "packages", id), packDir);
    const results: InstallSizeResult[] = [];
    try {
      const core = await pack("core");
      const otcRds = await pack("otc-rds");
      results.push(await installSize("@backup-links/otc-rds (one client)", "ours", [core, otcRds], options));
      const clients = await Promise.all(CLIENTS.map((c) => pack(c.id)));
      const cli = await pack("cli");
      results.push(await installSize("@backup-links/cli (all seven clients)", "ours", [core, ...clients, cli], options));
    } catch (error) {
      results.push({
        name: "@backup-links packages",
        kind: "ours",
        installed: [],
        error: `packing failed: ${(error instanceof Error ? error.message : String(error)).slice(0, 300)}`,
      });
    }
    const officialVersions = await officialVersionsFromManifest();
    results.push(
      await installSize(
        "@huaweicloud/huaweicloud-sdk-core (the RDS/DDS/DCS service packages are not on npm)",
        "official",
        [`@huaweicloud/huaweicloud-sdk-core@${officialVersions.huawei}`],
        options,
      ),
    );
    results.push(
      await installSize("jdcloud-sdk-js (all JD services in one package)", "official", [`jdcloud-sdk-js@${officialVersions.jd}`], options),
    );
    return results;
  } finally {
    await removeTempDir(packDir);
  }
}

async function officialVersionsFromManifest(): Promise<{ huawei: string; jd: string }> {
  const { readFile } = await import("node:fs/promises");
  const manifest = JSON.parse(await readFile(path.join(BENCH_DIR, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  return {
    huawei: manifest.devDependencies["@huaweicloud/huaweicloud-sdk-core"] ?? "latest",
    jd: manifest.devDependencies["jdcloud-sdk-js"] ?? "latest",
  };
}

// ---------------------------------------------------------------------------------------------------------------
// cold import

export interface ColdImportResult {
  name: string;
  kind: "ours" | "official";
  specifiers: string[];
  /** median wall time of the process minus the baseline's median. */
  ms?: number;
  /** the median wall time itself. */
  totalMs?: number;
  error?: string;
}

export interface ColdImportSuiteResult {
  runs: number;
  baselineMs: number;
  results: ColdImportResult[];
}

function importScript(specifiers: string[]): string {
  return specifiers.map((s) => `await import(${JSON.stringify(s)});`).join("");
}

export const COLD_IMPORT_SUBJECTS: Array<{ name: string; kind: "ours" | "official"; specifiers: string[] }> = [
  { name: "@backup-links/otc-rds", kind: "ours", specifiers: ["@backup-links/otc-rds"] },
  { name: "@backup-links/jdcloud-rds", kind: "ours", specifiers: ["@backup-links/jdcloud-rds"] },
  { name: "@backup-links/cli (library)", kind: "ours", specifiers: ["@backup-links/cli"] },
  {
    name: "@huaweicloud/huaweicloud-sdk-core (ClientBuilder + BasicCredentials)",
    kind: "official",
    specifiers: ["@huaweicloud/huaweicloud-sdk-core", "@huaweicloud/huaweicloud-sdk-core/ClientBuilder.js"],
  },
  { name: "jdcloud-sdk-js RDS service", kind: "official", specifiers: ["jdcloud-sdk-js/src/services/rds.js"] },
];

/** Runs every subject and the empty baseline `runs` times, interleaved, from the bench directory. */
export async function measureColdImports(
  runs: number,
  subjects = COLD_IMPORT_SUBJECTS,
  cwd: string = BENCH_DIR,
): Promise<ColdImportSuiteResult> {
  const all = [{ name: "(baseline: empty script)", kind: "ours" as const, specifiers: [] as string[] }, ...subjects];
  const times = all.map(() => [] as number[]);
  const errors = all.map(() => undefined as string | undefined);
  for (let run = 0; run < runs; run++) {
    for (const [i, subject] of all.entries()) {
      if (errors[i] !== undefined) continue;
      const result = await runCommand(process.execPath, ["--input-type=module", "-e", importScript(subject.specifiers)], {
        cwd,
        timeoutMs: 60_000,
      });
      if (result.code !== 0) {
        errors[i] = result.stderr.trim().split("\n").find((l) => /Error/.test(l))?.slice(0, 300) ?? `exit ${result.code}`;
        continue;
      }
      times[i]!.push(result.ms);
    }
  }
  if (errors[0] !== undefined) throw new Error(`the empty node process failed: ${errors[0]}`);
  const baselineMs = median(times[0]!);
  const results = subjects.map((subject, index): ColdImportResult => {
    const i = index + 1;
    const error = errors[i];
    if (error !== undefined) return { ...subject, error };
    const totalMs = median(times[i]!);
    return { ...subject, totalMs, ms: totalMs - baselineMs };
  });
  return { runs, baselineMs, results };
}
