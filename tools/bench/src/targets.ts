/**
 * The project's speed and size targets, each a predicate over a measured number, so the report can print pass/fail
 * next to the number it judged. Units are stated once here: kB = 1000 bytes, MB = 10^6 bytes.
 */

export interface Target {
  id: string;
  /** Human wording, as printed in the report. */
  text: string;
  pass(value: number): boolean;
}

export const TARGETS = {
  signingSpeedup: {
    id: "signing",
    text: "signing ≥ 2× the official signer's operations per second",
    pass: (speedup: number) => speedup >= 2,
  },
  clientOverhead: {
    id: "client-overhead",
    text: "client p50 latency ≤ 1.2× raw fetch p50",
    pass: (p50Ratio: number) => p50Ratio <= 1.2,
  },
  bundleSize: {
    id: "bundle",
    text: "client browser bundle < 10 kB min+gzip (10,000 bytes)",
    pass: (gzipBytes: number) => gzipBytes < 10_000,
  },
  downloadThroughput: {
    id: "download-throughput",
    text: "download throughput ≥ 0.9× curl",
    pass: (ratioToCurl: number) => ratioToCurl >= 0.9,
  },
  downloadRss: {
    id: "download-rss",
    text: "download peak RSS < 150 MB (150,000,000 bytes)",
    pass: (bytes: number) => bytes < 150_000_000,
  },
  rangedThroughput: {
    id: "ranged-throughput",
    text: "8 connections ≥ 0.9 × 8 × the per-connection cap",
    pass: (fractionOfEightCaps: number) => fractionOfEightCaps >= 0.9,
  },
  rangedVsAria2: {
    id: "ranged-vs-aria2",
    text: "8 connections ≥ aria2c -x 8 -s 8",
    pass: (ratioToAria2: number) => ratioToAria2 >= 1,
  },
  engineCpu: {
    id: "engine-cpu",
    text: "CPU seconds per GiB (one connection, unthrottled) ≤ 2× curl's",
    pass: (ratioToCurl: number) => ratioToCurl <= 2,
  },
} satisfies Record<string, Target>;

export type Verdict = "pass" | "FAIL" | "n/a";

export function verdict(target: Target, value: number | undefined): Verdict {
  if (value === undefined || !Number.isFinite(value)) return "n/a";
  return target.pass(value) ? "pass" : "FAIL";
}
