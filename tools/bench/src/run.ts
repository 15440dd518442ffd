/**
 * `pnpm bench`: runs every suite, prints the report as markdown and writes BENCHMARKS.md at the repository root.
 *
 *   --rounds N           rounds per measurement (default 5)
 *   --suites a,b         only these suites: signing, client, footprint, download, pipeline (default all)
 *   --download-mib N     size of the downloaded file (default 1024)
 *   --engine-mib N       size of the engine suite's file (default 1024)
 *   --engine-rounds N    rounds of the engine suite (default 3)
 *   --cap-mbps N         the engine suite's per-connection cap in MB/s (default 40)
 *   --out PATH           where to write the report (default BENCHMARKS.md at the repo root)
 *   --no-write           print only
 *
 * Exits 1 when our signature differs from an official SDK's on the same request (nothing is written then).
 * BACKUP_LINKS_BENCH_COMMAND overrides the command line recorded in the report.
 */
import { writeFile, rename } from "node:fs/promises";
import { parseArgs } from "node:util";
import { fullConfig, runBenchmarks } from "./bench.js";
import { renderBenchmarksMarkdown } from "./markdown.js";
import { BENCHMARKS_MD } from "./paths.js";
import { SUITE_NAMES, type SuiteName } from "./results.js";
import { SignatureMismatchError } from "./suites/signing.js";
import { removeAllTempDirsSync } from "./temp-dirs.js";

// Ctrl-C or a CI timeout: no `finally` runs on the way out, so remove the temp dirs (1 GiB copies, a clone) here.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    removeAllTempDirsSync();
    process.stderr.write(`[bench] stopped by ${signal}; temporary files removed\n`);
    process.exit(130);
  });
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: must be a whole number >= 1, got ${JSON.stringify(text)}`);
  return value;
}

async function main(): Promise<number> {
  // pnpm 10 hands the `--` of `pnpm --filter @backup-links/bench bench -- --suites engine` on to the script.
  const extra = process.argv.slice(2).filter((arg, index) => index > 0 || arg !== "--");
  const { values } = parseArgs({
    args: extra,
    options: {
      rounds: { type: "string" },
      suites: { type: "string" },
      "download-mib": { type: "string" },
      "engine-mib": { type: "string" },
      "engine-rounds": { type: "string" },
      "cap-mbps": { type: "string" },
      out: { type: "string" },
      "no-write": { type: "boolean", default: false },
    },
    allowPositionals: false,
  });
  const rounds = positiveInteger("rounds", values.rounds, 5);
  const command = process.env.BACKUP_LINKS_BENCH_COMMAND ?? `pnpm bench${extra.length > 0 ? ` -- ${extra.join(" ")}` : ""}`;
  const config = fullConfig(rounds, command);
  if (values.suites !== undefined) {
    const wanted = values.suites.split(",").map((s) => s.trim());
    const unknown = wanted.filter((s) => !SUITE_NAMES.includes(s as SuiteName));
    if (unknown.length > 0) throw new Error(`--suites: unknown ${unknown.join(", ")}; known: ${SUITE_NAMES.join(", ")}`);
    config.suites = wanted as SuiteName[];
  }
  config.download.fileBytes = positiveInteger("download-mib", values["download-mib"], 1024) * 1024 * 1024;
  config.engine.fileBytes = positiveInteger("engine-mib", values["engine-mib"], 1024) * 1024 * 1024;
  config.engine.rounds = positiveInteger("engine-rounds", values["engine-rounds"], config.engine.rounds);
  config.engine.capBytesPerSecond = positiveInteger("cap-mbps", values["cap-mbps"], 40) * 1e6;
  config.log = (line) => process.stderr.write(`${line}\n`);

  const results = await runBenchmarks(config);
  const markdown = renderBenchmarksMarkdown(results);
  process.stdout.write(markdown);
  if (!values["no-write"]) {
    const out = values.out ?? BENCHMARKS_MD;
    // Write beside the target and rename, so an interrupted run never leaves a half-written report.
    const temp = `${out}.${process.pid}.tmp`;
    await writeFile(temp, markdown);
    await rename(temp, out);
    process.stderr.write(`[bench] wrote ${out}\n`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SignatureMismatchError) {
      process.stderr.write(`[bench] ABORTED: ${error.message}\n`);
    } else {
      process.stderr.write(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  },
);
