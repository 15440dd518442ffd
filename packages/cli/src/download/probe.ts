import type { Dispatcher } from "undici";
import { backoffDelay, sleep, type RetryPolicy } from "./backoff.js";
import { parseContentRange } from "./content-range.js";
import { DownloadAbortedError, DownloadError, RetryableError } from "./errors.js";
import type { DownloadEventListener } from "./events.js";
import { getObject, type Head } from "./http.js";
import type { LinkSource } from "./link-source.js";
import { linkLabel } from "./link-label.js";
import { identityFrom, type ObjectIdentity } from "./object-identity.js";

export interface RequestContext {
  name: string;
  links: LinkSource;
  dispatcher: Dispatcher;
  policy: RetryPolicy;
  idleTimeoutMs: number;
  signal?: AbortSignal | undefined;
  onEvent?: DownloadEventListener | undefined;
}

/**
 * Runs one request until it gets an answer worth looking at: a fresh link on 401/403 (while fresh links help),
 * backoff on network errors, 408, 429 and 5xx; another status of 300 or more (but 416) fails the file.
 */
export async function withRetries<T extends Head>(context: RequestContext, what: string, step: (url: string) => Promise<T>): Promise<T> {
  const { links, name, policy, signal } = context;
  let failures = 0;
  for (;;) {
    if (signal?.aborted) throw new DownloadAbortedError(name);
    await links.freshen();
    const seen = links.generation;
    const url = links.link.url;
    try {
      const head = await step(url);
      if (head.status === 401 || head.status === 403) {
        if (!links.canRefresh) throw links.rejected(head.status);
        await links.refresh("rejected", seen);
        continue;
      }
      if (head.status === 408 || head.status === 429 || head.status >= 500) {
        throw new RetryableError(`HTTP ${head.status} from ${linkLabel(url)}`, { status: head.status });
      }
      if (head.status >= 300 && head.status !== 416) {
        throw new DownloadError("HTTP_STATUS", `${name}: HTTP ${head.status} from ${linkLabel(url)}`, { file: name, status: head.status });
      }
      return head;
    } catch (error) {
      if (signal?.aborted) throw new DownloadAbortedError(name);
      if (!(error instanceof RetryableError)) throw error;
      failures++;
      if (failures >= policy.attempts) {
        throw new DownloadError(error.status === undefined ? "NETWORK" : "HTTP_STATUS", `${name}: giving up after ${failures} attempts: ${error.message}`, {
          file: name,
          status: error.status,
          cause: error,
        });
      }
      const delayMs = backoffDelay(policy, failures);
      context.onEvent?.({ type: "retry", file: name, attempt: failures + 1, maxAttempts: policy.attempts, delayMs, reason: `${what}: ${error.message}` });
      try {
        await sleep(delayMs, signal);
      } catch {
        throw new DownloadAbortedError(name);
      }
    }
  }
}

/**
 * `GET` with `Range: bytes=0-0` (never HEAD: a pre-signed link's signature covers the verb): the object's length,
 * ETag, Last-Modified and encryption header when the server serves ranges (206 with `bytes 0-0/<total>`);
 * undefined when it does not (200, or anything odd), which means one stream.
 */
export async function probeRanges(context: RequestContext): Promise<ObjectIdentity | undefined> {
  const head = await withRetries(context, "probe", async (url) => {
    const answer = await getObject<Head>(url, { dispatcher: context.dispatcher, headers: { range: "bytes=0-0" }, signal: context.signal, idleTimeoutMs: context.idleTimeoutMs }, (h) => ({
      refuse: h,
    }));
    if (answer.done) throw new RetryableError("the probe's answer was not expected to be accepted");
    return answer.refusal;
  });
  if (head.status !== 206) return undefined;
  const range = parseContentRange(head.headers["content-range"]);
  if (range?.total === undefined || range.start !== 0 || range.end !== 0) return undefined;
  return identityFrom(head.headers, range.total);
}
