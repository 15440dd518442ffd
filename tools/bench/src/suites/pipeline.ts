/**
 * Suite 4: the build pipeline's wall time. It runs in a fresh `git clone` of the repository's committed HEAD (in a
 * temp dir), so that the cold build is really cold (no turbo cache, no dist/) and so that it never rewrites the
 * dist/ folders of the working tree other people are testing against:
 *   setup      `pnpm install --frozen-lockfile --prefer-offline` (from the local pnpm store; timed, not a target)
 *   cold build `pnpm build`  = `turbo run build docs` with an empty cache
 *   warm build `pnpm build`  again: every task a cache hit
 *   contract   `pnpm --filter @backup-links/contract-tests test`
 */
import path from "node:path";
import { REPO_ROOT } from "../paths.js";
import { runCommand, stripAnsi } from "../proc.js";
import { makeTempDir, removeTempDir } from "../temp-dirs.js";

export interface PipelineStep {
  name: string;
  command: string;
  args: string[];
  /** A step whose failure stops the steps after it (e.g. install, cold build). */
  required?: boolean;
}

export interface PipelineStepResult {
  name: string;
  command: string;
  ms?: number;
  ok: boolean;
  error?: string;
}

export interface PipelineSuiteResult {
  commit?: string;
  steps: PipelineStepResult[];
}

const pnpmEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  CI: "true",
  TURBO_TELEMETRY_DISABLED: "1",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
});

export const DEFAULT_PIPELINE_STEPS: PipelineStep[] = [
  { name: "setup: pnpm install (frozen lockfile, from the local store)", command: "pnpm", args: ["install", "--frozen-lockfile", "--prefer-offline"], required: true },
  { name: "cold build (pnpm build, empty cache)", command: "pnpm", args: ["build"], required: true },
  { name: "warm build (pnpm build, cached)", command: "pnpm", args: ["build"] },
  { name: "contract suites (pnpm --filter @backup-links/contract-tests test)", command: "pnpm", args: ["--filter", "@backup-links/contract-tests", "test"] },
];

export interface PipelineOptions {
  steps?: PipelineStep[];
  /** Clone the repo's HEAD into a temp dir first (default true). With false, steps run in `cwd`. */
  clone?: boolean;
  cwd?: string;
  timeoutMs?: number;
}

export async function runPipelineSuite(options: PipelineOptions = {}): Promise<PipelineSuiteResult> {
  const steps = options.steps ?? DEFAULT_PIPELINE_STEPS;
  const clone = options.clone ?? true;
  const temp = clone ? await makeTempDir("backup-links-bench-pipeline-") : undefined;
  const cwd = temp === undefined ? (options.cwd ?? REPO_ROOT) : path.join(temp, "repo");
  const results: PipelineStepResult[] = [];
  let commit: string | undefined;
  try {
    if (temp !== undefined) {
      const cloned = await runCommand("git", ["clone", "--quiet", "--no-hardlinks", REPO_ROOT, cwd], { timeoutMs: 120_000 });
      if (cloned.code !== 0) throw new Error(`git clone failed: ${cloned.stderr.trim().slice(0, 300)}`);
      commit = (await runCommand("git", ["rev-parse", "--short", "HEAD"], { cwd })).stdout.trim();
    }
    let stopped = false;
    for (const step of steps) {
      const command = `${step.command} ${step.args.join(" ")}`;
      if (stopped) {
        results.push({ name: step.name, command, ok: false, error: "not run: an earlier required step failed" });
        continue;
      }
      const run = await runCommand(step.command, step.args, { cwd, env: pnpmEnv(), timeoutMs: options.timeoutMs ?? 1_800_000 });
      const ok = run.code === 0;
      const tail = stripAnsi(`${run.stderr}\n${run.stdout}`)
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "")
        .slice(-12)
        .join(" / ");
      results.push({ name: step.name, command, ms: run.ms, ok, ...(ok ? {} : { error: `exit ${run.code ?? run.signal}: ${tail.slice(-800)}` }) });
      if (!ok && step.required) stopped = true;
    }
    return { ...(commit === undefined ? {} : { commit }), steps: results };
  } finally {
    if (temp !== undefined) await removeTempDir(temp);
  }
}
