import type { Middleware } from "openapi-fetch";
import type { Credentials } from "./credentials.js";
import type { Provider, Service } from "./endpoints.js";

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
  provider: Provider;
  service: Service;
  /** Region id (see listRegions). Required unless baseUrl is given; JD always needs it (signed, and in the path). */
  region?: string;
  /** Explicit base URL (mock, proxy, private endpoint). */
  baseUrl?: string;
  /** AK/SK, or `{ token }` for Huawei Cloud / OTC. */
  credentials: Credentials;
  /** Huawei/OTC AK/SK: sent and signed as `X-Project-Id`. */
  projectId?: string;
  /** The client package, for the User-Agent: `{ name: "@backup-links/otc-rds", version: "0.1.0" }`. */
  userAgent?: { name: string; version: string };
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
  /** Sets `User-Agent` in onRequest (signing stays in `fetch`, the last step before the wire). */
  readonly middleware: Middleware;
  /** `{ baseUrl, fetch }`, ready for `createClient<paths>(transport.clientOptions)`. */
  readonly clientOptions: { readonly baseUrl: string; readonly fetch: FetchLike };
}

/** `backup-links-otc-rds/0.1.0 backup-links-core/0.1.0` (package names made into RFC 9110 product tokens). */
export function formatUserAgent(client?: { name: string; version: string }): string {
  throw new Error("not implemented");
}

/**
 * Everything a client needs to talk to one provider/service: endpoint, signing, User-Agent, timeout, retries.
 * Validates all options first (ValidationError / CredentialsError).
 */
export function createTransport(options: TransportOptions): Transport {
  throw new Error("not implemented");
}
