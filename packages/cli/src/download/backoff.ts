export interface RetryPolicy {
  /** Failed attempts in a row (without a byte of progress) before giving up. */
  attempts: number;
  /** The first delay; each further one doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

/** Exponential backoff with "equal jitter": half fixed, half random, so parallel downloads do not retry in step. */
export function backoffDelay(policy: RetryPolicy, failure: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failure - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** setTimeout as a promise that rejects with the signal's reason as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
