/** The whole benchmark run as data: what run.ts collects and markdown.ts renders. */
import type { MachineInfo } from "./machine.js";
import type { ClientOverheadResult } from "./suites/client-overhead.js";
import type { DownloadSuiteResult } from "./suites/download.js";
import type { EngineSuiteResult } from "./suites/engine.js";
import type { BundleResult, ColdImportSuiteResult, InstallSizeResult } from "./suites/footprint.js";
import type { PipelineSuiteResult } from "./suites/pipeline.js";
import type { SigningSuiteResult } from "./suites/signing.js";

export interface FootprintResult {
  bundles: BundleResult[];
  installs?: InstallSizeResult[];
  coldImports?: ColdImportSuiteResult;
}

export type SuiteName = "signing" | "client" | "footprint" | "pipeline" | "download" | "engine";
export const SUITE_NAMES: readonly SuiteName[] = ["signing", "client", "footprint", "pipeline", "download", "engine"];

export interface BenchResults {
  /** The exact command that produced these results. */
  command: string;
  machine: MachineInfo;
  /** os.loadavg() when the run ended (the one at the start is in `machine`). */
  loadAverageAfter: [number, number, number];
  durationSeconds: number;
  commit?: string;
  versions: Record<string, string>;
  tools: Record<string, string>;
  rounds: number;
  signing?: SigningSuiteResult;
  client?: ClientOverheadResult;
  footprint?: FootprintResult;
  pipeline?: PipelineSuiteResult;
  download?: DownloadSuiteResult;
  engine?: EngineSuiteResult;
  /** A suite that threw (other than a signature mismatch, which aborts the run). */
  suiteErrors: Array<{ suite: SuiteName; message: string }>;
}
