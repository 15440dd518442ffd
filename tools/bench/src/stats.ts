/**
 * The few statistics the benchmark reports: medians across rounds, nearest-rank percentiles within a round, ratios.
 * Medians, not means, because the machine is shared and a single preempted round must not move the result.
 */

/** Median of `values` (mean of the two middle values for an even count). Throws on an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Nearest-rank percentile (p in 0..100) of `values`: the smallest value such that at least p% of the values are
 * less than or equal to it. p99 of 1000 samples is the 990th smallest.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile: no values");
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile: p must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** `numerator / denominator`, or NaN when the denominator is 0 or either side is not finite. */
export function ratio(numerator: number, denominator: number): number {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return Number.NaN;
  return numerator / denominator;
}

/** Median and spread of per-round values, kept together so a report can show how noisy a number was. */
export interface RoundSummary {
  median: number;
  min: number;
  max: number;
  rounds: number[];
}

export function summarizeRounds(rounds: readonly number[]): RoundSummary {
  return { median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds), rounds: [...rounds] };
}
