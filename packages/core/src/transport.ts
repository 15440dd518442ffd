import type { ApiProfile, Provider, Service } from "./api-profile.js";
import type { Credentials } from "./credentials.js";
import { resolveApiEndpoint } from "./endpoints.js";
import { NetworkError, TimeoutError, ValidationError } from "./errors.js";
import { INT32_MAX, optionalInteger, requireId, requireInteger, requireObject, requireProductTokens } from "./validate.js";
import { networkFailureCode } from "#runtime";
import { CORE_VERSION } from "./version.js";
import { readBody, rebuildRequest } from "./wire.js";

/** The subset of `fetch` the transport calls and exposes. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface RetryOptions {
  /** Total attempts including the first (default 3; 1 disables retries). */
  maxAttempts?: number;
  /** Backoff base: attempt n waits random() * min(maxDelayMs, baseDelayMs * 2^(n-1)) ("full jitter"). Default 250. */
  baseDelayMs?: number;
  /** Cap of one backoff delay. Default 5000. */
  maxDelayMs?: number;
  /** No retry is started if it would end (after its wait) later than this after the first attempt began. Default 30000. */
  maxElapsedMs?: number;
  /** Cap applied to a server's `Retry-After` (seconds or HTTP-date). Default 20000. */
  maxRetryAfterMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRY: Readonly<Required<RetryOptions>> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 5_000,
  maxElapsedMs: 30_000,
  maxRetryAfterMs: 20_000,
});

export interface TransportOptions {
  /**
   * The API to talk to: `OTC_RDS`, `HUAWEICLOUD_DCS`, `JDCLOUD_RDS`, ... (its regions, endpoint hosts and
   * authentication). Passing the profile, rather than a provider name, lets a bundler drop every other provider.
   */
  api: ApiProfile;
  /** Region id (see listRegions). Required unless baseUrl is given; JD always needs it (signed, and in the path). */
  region?: string;
  /** Explicit base URL (mock, proxy, private endpoint). */
  baseUrl?: string;
  /** AK/SK, or `{ token }` for Huawei Cloud / OTC. */
  credentials: Credentials;
  /** Huawei/OTC AK/SK: sent and signed as `X-Project-Id`. */
  projectId?: string;
  /**
   * The client package, for the User-Agent: `{ name: "@backup-links/otc-rds", version: "0.1.0" }`, and the
   * application's own product tokens to append (`extra: "my-backup-job/1.2"`).
   */
  userAgent?: { name: string; version: string; extra?: string | undefined };
  /** Per-attempt timeout in ms (default 30000); 0 disables. */
  timeoutMs?: number;
  /** Retry policy, or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** Underlying fetch (default globalThis.fetch). */
  fetch?: FetchLike;
  /** Epoch ms now (default Date.now). */
  clock?: () => number;
  /** Waits `ms`; rejects when `signal` aborts (default setTimeout-based). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform [0, 1) for jitter (default Math.random). */
  random?: () => number;
  /** JD nonce per signed attempt (default crypto.randomUUID). */
  nonce?: () => string;
}

export interface Transport {
  readonly provider: Provider;
  readonly service: Service;
  readonly region: string | undefined;
  /** Base URL without trailing slash. */
  readonly baseUrl: string;
  /**
   * A fetch for openapi-fetch's `createClient({ fetch })`: per attempt it signs (fresh date/nonce), applies the
   * timeout, and retries 429 / 5xx / network errors with backoff. Returns the final Response (any status); throws
   * NetworkError or TimeoutError when no response came; rethrows the caller's own abort.
   */
  readonly fetch: FetchLike;
  /** `{ baseUrl, fetch }`, ready for `createClient<paths>(transport.clientOptions)`. */
  readonly clientOptions: { readonly baseUrl: string; readonly fetch: FetchLike };
}

/** Package name/version made into an RFC 9110 product token: `@backup-links/otc-rds` -> `backup-links-otc-rds`. */
function productToken(text: string): string {
  return text.replace(/^@/, "").replace(/[^A-Za-z0-9!#$%&'*+.^_`|~-]+/g, "-");
}

/**
 * `backup-links-otc-rds/0.1.0 backup-links-core/0.1.0` (package names made into RFC 9110 product tokens), then
 * `client.extra` as given.
 */
export function formatUserAgent(client?: { name: string; version: string; extra?: string | undefined }): string {
  if (client === undefined) return CORE_PRODUCT;
  return clientUserAgent(`${productToken(client.name)}/${productToken(client.version)}`, client.extra);
}

const CORE_PRODUCT = `backup-links-core/${CORE_VERSION}`;

/** `product` (the client's product token and version), core's, then the application's `extra` tokens as given. */
export function clientUserAgent(product: string, extra: string | undefined): string {
  return `${product} ${CORE_PRODUCT}${extra === undefined ? "" : ` ${extra}`}`;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // Throwing in the executor rejects with the caller's abort reason.
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * `Retry-After` in ms: delta-seconds or an HTTP-date (relative to `now`); `undefined` when absent or unparsable.
 * A date in the past gives 0.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return isNaN(date) ? undefined : Math.max(0, date - now);
}

function resolveRetry(retry: RetryOptions | false | undefined): Required<RetryOptions> {
  if (retry === false) return { ...DEFAULT_RETRY, maxAttempts: 1 };
  if (retry !== undefined) requireObject("retry", retry, "must be an object or false");
  const merged: Required<RetryOptions> = { ...DEFAULT_RETRY, ...retry };
  for (const [name, [min, max]] of Object.entries(RETRY_BOUNDS)) {
    requireInteger(`retry.${name}`, merged[name as keyof RetryOptions], min, max);
  }
  return merged;
}

/** Inclusive bounds of each retry setting, in the order they are checked. */
const RETRY_BOUNDS: Readonly<Record<keyof RetryOptions, readonly [min: number, max: number]>> = {
  maxAttempts: [1, 10],
  baseDelayMs: [0, 60_000],
  maxDelayMs: [0, 300_000],
  maxElapsedMs: [0, 3_600_000],
  maxRetryAfterMs: [0, 3_600_000],
};

function requireFunction<T>(field: string, value: T | undefined, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "function") throw new ValidationError(field, "must be a function");
  return value;
}

/**
 * Everything a client needs to talk to one provider/service: endpoint, signing, User-Agent, timeout, retries.
 * Validates all options first (ValidationError / CredentialsError).
 */
export function createTransport(options: TransportOptions): Transport {
  requireObject("options", options);
  const { api, userAgent } = options;
  if (typeof api?.auth !== "function") throw new ValidationError("api", "must be an API profile such as OTC_RDS");
  if (userAgent !== undefined) {
    requireId("userAgent.name", userAgent?.name);
    requireId("userAgent.version", userAgent?.version);
    if (userAgent.extra !== undefined) requireProductTokens("userAgent.extra", userAgent.extra);
  }
  return openTransport(formatUserAgent(userAgent), {
    ...options,
    clock: requireFunction("clock", options.clock, Date.now),
    sleep: requireFunction("sleep", options.sleep, defaultSleep),
    random: requireFunction("random", options.random, Math.random),
    nonce: requireFunction("nonce", options.nonce, () => globalThis.crypto.randomUUID()),
  });
}

/**
 * `createTransport` for a caller that checked the rest itself: the client kit, which passes its own API profile and
 * User-Agent header (made of checked parts) and none of the test hooks (`clock`, `sleep`, `random`, `nonce`).
 * Checks what comes from the client's options: endpoint, timeout, retry, fetch, credentials, project id.
 */
export function openTransport(userAgent: string, options: Omit<TransportOptions, "userAgent">): Transport {
  const { api } = options;
  const endpoint = resolveApiEndpoint(api, options.region, options.baseUrl);
  const timeoutMs = optionalInteger("timeoutMs", options.timeoutMs, 0, INT32_MAX) ?? DEFAULT_TIMEOUT_MS;
  const retry = resolveRetry(options.retry);
  const baseFetch = requireFunction<FetchLike>("fetch", options.fetch, (input, init) => globalThis.fetch(input, init));
  const { clock = Date.now, sleep = defaultSleep, random = Math.random, nonce = () => globalThis.crypto.randomUUID() } = options;
  // The profile gives the scheme its provider, service, regions and environment names.
  const authenticator = api.auth({ ...api, credentials: options.credentials, region: endpoint.region, projectId: options.projectId, clock, nonce });
  const baseUrl = endpoint.baseUrl;

  const transportFetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input as string);
    const url = request.url;
    if (url !== baseUrl && !url.startsWith(`${baseUrl}/`) && !url.startsWith(`${baseUrl}?`)) {
      // Credentials go only to the configured endpoint (never, say, to a pre-signed download link).
      throw new ValidationError("url", `must be under the transport's baseUrl ${baseUrl}`);
    }
    const method = request.method;
    const body = await readBody(request);
    const userSignal = request.signal;
    const started = clock();
    for (let attempt = 1; ; attempt++) {
      // The authenticator returns a copy of the headers; the User-Agent is not among the signed ones.
      const signedHeaders = await authenticator.authenticate({ method, url, headers: request.headers, body });
      if (!signedHeaders.has("user-agent")) signedHeaders.set("User-Agent", userAgent);
      // Checked after signing (an await) and just before the listener below, so no abort falls in between.
      userSignal.throwIfAborted();
      // One controller per attempt, aborted by its timeout or by the caller's signal. A listener removed when the
      // attempt ends, rather than AbortSignal.any (about 4x the cost per call), and a caller's long-lived signal
      // never collects listeners. The caller's abort therefore governs the attempt until the response headers arrive.
      const attemptAbort = new AbortController();
      const attemptRequest = rebuildRequest(request, signedHeaders, body, attemptAbort.signal);
      // The timer and the caller's signal hold the attempt's Request, not only its controller: a Request follows
      // attemptAbort.signal through a weak reference, so a Request nothing else holds (a fetch that just listens to
      // its signal) could be garbage-collected mid-attempt and never see the abort.
      const abortAttempt = (reason?: unknown) => attemptRequest.signal.aborted || attemptAbort.abort(reason);
      const timer = timeoutMs > 0 ? setTimeout(abortAttempt, timeoutMs) : undefined;
      const forwardAbort = () => abortAttempt(userSignal.reason);
      userSignal.addEventListener("abort", forwardAbort);
      let response: Response | undefined;
      let failure: NetworkError | undefined;
      try {
        response = await baseFetch(attemptRequest, init);
      } catch (error) {
        if (userSignal.aborted) throw userSignal.reason ?? error;
        // Not the caller's abort: an aborted attempt timed out.
        failure = attemptAbort.signal.aborted
          ? new TimeoutError(timeoutMs, { method, url, cause: error })
          : new NetworkError(
              // With its low-level code (`fetch failed (ECONNREFUSED)`); NetworkError redacts any URL query.
              `Network error: ${error instanceof Error ? error.message : String(error)}${networkFailureCode(error)}`,
              { method, url, cause: error },
            );
      } finally {
        clearTimeout(timer);
        userSignal.removeEventListener("abort", forwardAbort);
      }
      // 429 and 5xx are retried.
      if (response !== undefined && response.status !== 429 && (response.status < 500 || response.status > 599)) return response;
      // The delay before the next attempt: the server's Retry-After (capped), else full jitter over an exponential
      // ceiling (`attempt` is the 1-based count of attempts made so far).
      const retryAfter = response && parseRetryAfter(response.headers.get("retry-after"), clock());
      const delay =
        retryAfter !== undefined
          ? Math.min(retryAfter, retry.maxRetryAfterMs)
          : Math.floor(random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)));
      if (attempt >= retry.maxAttempts || clock() - started + delay > retry.maxElapsedMs) {
        if (response === undefined) throw failure;
        return response;
      }
      // Release the connection of the response we are discarding.
      await response?.body?.cancel().catch(() => undefined);
      await sleep(delay, userSignal);
    }
  };

  return Object.freeze({
    provider: api.provider,
    service: api.service,
    region: endpoint.region,
    baseUrl,
    fetch: transportFetch,
    clientOptions: Object.freeze({ baseUrl, fetch: transportFetch }),
  });
}
