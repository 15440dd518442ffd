import type { Environment, FetchLike } from "@backup-links/core";

/** Where output goes: process.stdout/stderr, or a buffer in tests. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** Everything a command touches outside itself, so tests can run the CLI in-process. */
export interface CliContext {
  stdout: Output;
  stderr: Output;
  env: Environment;
  /** Aborted on SIGINT/SIGTERM, with the signal name ("SIGINT", "SIGTERM") as the reason. */
  signal?: AbortSignal | undefined;
  /** Replaces fetch for the API calls (tests). */
  fetch?: FetchLike | undefined;
  now?: (() => number) | undefined;
}
