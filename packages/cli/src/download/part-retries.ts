import { backoffDelay, sleep, type RetryPolicy } from "./backoff.js";
import { DownloadError, type RetryableError } from "./errors.js";
import type { DownloadEventListener } from "./events.js";
import type { LinkSource } from "./link-source.js";

export interface PartRetryContext {
  name: string;
  policy: RetryPolicy;
  links: LinkSource;
  signal?: AbortSignal | undefined;
  onEvent?: DownloadEventListener | undefined;
  /** 1-based part number shown in retry events, when the file is fetched in parts. */
  part?: number | undefined;
}

/**
 * The retry bookkeeping of one ranged request (a part of a file, or a window of `--out -`): an attempt that moved
 * the part forward resets the count, so a long part over a flaky link still finishes; the last allowed failure
 * gives up with the problem (and its HTTP status, when it had one); otherwise the backoff is announced and waited.
 */
export class PartRetries {
  private failures = 0;

  constructor(private readonly context: PartRetryContext) {}

  async afterFailure(problem: RetryableError, madeProgress: boolean): Promise<void> {
    const { name, policy, links, signal, onEvent, part } = this.context;
    if (madeProgress) {
      this.failures = 0;
      links.progressed();
    }
    this.failures++;
    if (this.failures >= policy.attempts) {
      throw new DownloadError(problem.status === undefined ? "NETWORK" : "HTTP_STATUS", `${name}: giving up after ${this.failures} attempts: ${problem.message}`, {
        file: name,
        status: problem.status,
        cause: problem,
      });
    }
    const delayMs = backoffDelay(policy, this.failures);
    onEvent?.({ type: "retry", file: name, attempt: this.failures + 1, maxAttempts: policy.attempts, delayMs, reason: problem.message, ...(part === undefined ? {} : { part }) });
    await sleep(delayMs, signal);
  }
}
