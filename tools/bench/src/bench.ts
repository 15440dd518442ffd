/**
 * Runs the suites with one configuration and collects a BenchResults. run.ts calls it with the full settings;
 * the smoke test with tiny ones. A signature mismatch is rethrown (it invalidates the comparison); any other
 * suite failure is recorded and the remaining suites still run.
 */
import { currentLoad, gitCommit, machineInfo, packageVersions, toolVersions } from "./machine.js";
import { SUITE_NAMES, type BenchResults, type FootprintResult, type SuiteName } from "./results.js";
import { runClientOverheadSuite, type ClientOverheadOptions } from "./suites/client-overhead.js";
import { runDownloadSuite, type DownloadSuiteOptions } from "./suites/download.js";
import { runEngineSuite, type EngineSuiteOptions } from "./suites/engine.js";
import {
  OFFICIAL_BUNDLE_ENTRIES,
  bundleSize,
  clientBundleEntries,
  measureColdImports,
  measureInstallSizes,
  type InstallOptions,
} from "./suites/footprint.js";
import { runPipelineSuite, type PipelineOptions } from "./suites/pipeline.js";
import { SignatureMismatchError, runSigningSuite, type SigningSuiteOptions } from "./suites/signing.js";

export interface BenchConfig {
  command: string;
  rounds: number;
  suites: readonly SuiteName[];
  signing: SigningSuiteOptions;
  client: ClientOverheadOptions;
  footprint: {
    /** Measure install sizes (packs our packages, npm-installs into temp dirs). */
    installs: boolean | InstallOptions;
    coldImportRuns: number;
  };
  pipeline: PipelineOptions;
  download: DownloadSuiteOptions;
  engine: EngineSuiteOptions;
  /** Progress lines (stderr in run.ts). */
  log?: (line: string) => void;
}

export function fullConfig(rounds = 5, command = "pnpm bench"): BenchConfig {
  return {
    command,
    rounds,
    suites: SUITE_NAMES,
    signing: { rounds, throughput: { minTimeMs: 500, minIterations: 200, warmupIterations: 500 } },
    client: { rounds, latency: { warmupCalls: 300, calls: 2000 } },
    footprint: { installs: true, coldImportRuns: 15 },
    pipeline: {},
    // Loopback throughput to a shared VM disk is the noisiest number here: at least 8 rounds, two full balanced
    // orders of the four tools (see balancedOrder).
    download: { fileBytes: 1024 * 1024 * 1024, rounds: Math.max(rounds, 8) },
    // 1 GiB at 40 MB/s is 27 s for each single-connection run: 3 rounds keep the suite at about four minutes.
    engine: { fileBytes: 1024 * 1024 * 1024, rounds: 3, capBytesPerSecond: 40e6, installAria2: true },
  };
}

async function measureFootprint(config: BenchConfig["footprint"], log: (line: string) => void): Promise<FootprintResult> {
  const bundles = [];
  for (const { name, entry } of clientBundleEntries()) bundles.push(await bundleSize(name, "ours", entry));
  for (const { name, entry } of OFFICIAL_BUNDLE_ENTRIES) bundles.push(await bundleSize(name, "official", entry));
  log(`  bundles: ${bundles.length}`);
  const result: FootprintResult = { bundles };
  if (config.installs !== false) {
    result.installs = await measureInstallSizes(config.installs === true ? {} : config.installs);
    log(`  install sizes: ${result.installs.length}`);
  }
  if (config.coldImportRuns > 0) {
    result.coldImports = await measureColdImports(config.coldImportRuns);
    log(`  cold imports: ${result.coldImports.results.length}`);
  }
  return result;
}

export async function runBenchmarks(config: BenchConfig): Promise<BenchResults> {
  const log = config.log ?? (() => {});
  const started = process.hrtime.bigint();
  const results: BenchResults = {
    command: config.command,
    machine: machineInfo(),
    loadAverageAfter: [0, 0, 0],
    durationSeconds: 0,
    versions: packageVersions(),
    tools: await toolVersions(),
    rounds: config.rounds,
    suiteErrors: [],
  };
  const commit = await gitCommit();
  if (commit !== undefined) results.commit = commit;
  const run = async (suite: SuiteName, body: () => Promise<void>) => {
    if (!config.suites.includes(suite)) return;
    log(`[bench] ${suite}: start (load ${currentLoad()[0].toFixed(2)})`);
    const t0 = process.hrtime.bigint();
    try {
      await body();
    } catch (error) {
      if (error instanceof SignatureMismatchError) throw error;
      results.suiteErrors.push({ suite, message: error instanceof Error ? error.message : String(error) });
      log(`[bench] ${suite}: FAILED ${error instanceof Error ? error.message : String(error)}`);
    }
    log(`[bench] ${suite}: ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
  };
  await run("signing", async () => {
    results.signing = await runSigningSuite(config.signing);
  });
  await run("client", async () => {
    results.client = await runClientOverheadSuite(config.client);
  });
  await run("footprint", async () => {
    results.footprint = await measureFootprint(config.footprint, log);
  });
  await run("download", async () => {
    results.download = await runDownloadSuite(config.download);
  });
  await run("engine", async () => {
    results.engine = await runEngineSuite(config.engine);
  });
  // Last: it is the longest, and its compiler processes would disturb the timing suites above.
  await run("pipeline", async () => {
    results.pipeline = await runPipelineSuite(config.pipeline);
  });
  results.loadAverageAfter = currentLoad();
  results.durationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return results;
}
