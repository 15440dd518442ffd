/**
 * Timing loops. Operations per second for short CPU-bound work (signing), and per-call latency samples for I/O
 * (client calls). Both use `process.hrtime.bigint()`; both await the function, so a synchronous and a
 * Promise-returning implementation are measured the same way a caller would use them.
 */

export interface ThroughputOptions {
  /** Keep running until at least this much time has passed... */
  minTimeMs: number;
  /** ...and at least this many calls were made. */
  minIterations: number;
  /** Calls before the clock starts (JIT warm-up, caches). */
  warmupIterations: number;
}

export interface ThroughputSample {
  iterations: number;
  elapsedNs: number;
  opsPerSec: number;
  /**
   * Calls per second of CPU time used by this process (all its threads: the main thread, the thread pool where
   * Web Crypto jobs run, GC). Less sensitive than opsPerSec to other processes taking the CPU away.
   */
  opsPerCpuSec: number;
}

const NS_PER_SEC = 1e9;

/**
 * Calls `fn` sequentially (awaiting a returned Promise) and returns calls per second. The clock is checked once per
 * batch of calls so the timer itself does not dominate a microsecond-scale operation.
 */
export async function measureThroughput(
  fn: () => unknown,
  options: ThroughputOptions,
): Promise<ThroughputSample> {
  for (let i = 0; i < options.warmupIterations; i++) await fn();
  const minTimeNs = BigInt(Math.round(options.minTimeMs * 1e6));
  const batch = 16;
  let iterations = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  do {
    for (let i = 0; i < batch; i++) await fn();
    iterations += batch;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < minTimeNs || iterations < options.minIterations);
  const cpu = process.cpuUsage(cpuStart);
  const elapsedNs = Number(elapsed);
  const cpuMicros = Math.max(1, cpu.user + cpu.system);
  return { iterations, elapsedNs, opsPerSec: (iterations * NS_PER_SEC) / elapsedNs, opsPerCpuSec: (iterations * 1e6) / cpuMicros };
}

export interface LatencyOptions {
  warmupCalls: number;
  calls: number;
}

/**
 * Per-call latencies in microseconds of several functions measured side by side: after `warmupCalls` untimed calls
 * of each, `calls` rounds in which each function is called once, awaited, in an order rotated every round. Every
 * function thus samples the same stretch of machine time, so a drift of the machine (load, CPU frequency) moves all
 * of them alike instead of whichever happened to run during it. Returns one sample array per function.
 */
export async function sampleLatenciesInterleaved(fns: ReadonlyArray<() => Promise<unknown>>, options: LatencyOptions): Promise<number[][]> {
  for (const fn of fns) for (let i = 0; i < options.warmupCalls; i++) await fn();
  const samples = fns.map(() => new Array<number>(options.calls));
  for (let i = 0; i < options.calls; i++) {
    for (let k = 0; k < fns.length; k++) {
      const which = (i + k) % fns.length;
      const t0 = process.hrtime.bigint();
      await fns[which]!();
      samples[which]![i] = Number(process.hrtime.bigint() - t0) / 1e3;
    }
  }
  return samples;
}

/** Wall-clock milliseconds of one awaited call. */
export async function timeMs<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}
