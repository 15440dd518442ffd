import { redactText, redactUrl } from "./redact.js";

/** Base class of every error this project throws on purpose: `catch (e) { if (e instanceof BackupLinksError) ... }`. */
export class BackupLinksError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Bad input, detected before any request is sent. `field` names the input (e.g. `backupId`), `rule` says what it
 * must be; the message is `${field}: ${rule}`. Values are never echoed (they may be secrets).
 */
export class ValidationError extends BackupLinksError {
  readonly field: string;
  readonly rule: string;
  constructor(field: string, rule: string) {
    super(`${field}: ${rule}`);
    this.field = field;
    this.rule = rule;
  }
}

/**
 * No usable credentials. A ValidationError with `field` "credentials" whose rule names the environment variables
 * to set (`variables` lists them), so that `instanceof ValidationError` catches it as well.
 */
export class CredentialsError extends ValidationError {
  readonly variables: readonly string[];
  constructor(rule: string, variables: readonly string[] = []) {
    super("credentials", rule);
    this.variables = Object.freeze([...variables]);
  }
}

/** What `parseApiErrorBody` extracts from a provider's error body. */
export interface ParsedErrorBody {
  /** Provider error code: `DBS.200022`, `111400002`, `APIG.0301`, JD's `error.status` (e.g. `NOT_FOUND`). */
  errorCode?: string;
  /** Provider error message, or a short sanitised excerpt of a non-JSON body. */
  errorMessage?: string;
  /** DCS `error_ext_msg` when not null. */
  errorDetail?: string;
  /** JD `requestId` / Huawei `request_id` found in the body. */
  requestId?: string;
}

export interface ApiErrorInit extends ParsedErrorBody {
  status: number;
  method?: string;
  /** Request URL; stored redacted (query replaced), never as given. */
  url?: string;
}

/**
 * The provider answered with a non-2xx status. `status` is the HTTP status; `errorCode`, `errorMessage`,
 * `errorDetail` come from the body; `requestId` from `X-Request-Id` / `x-jdcloud-request-id` or the body.
 */
export class ApiError extends BackupLinksError {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly errorMessage: string | undefined;
  readonly errorDetail: string | undefined;
  readonly requestId: string | undefined;
  readonly method: string | undefined;
  /** The request URL with its query string redacted. */
  readonly url: string | undefined;
  constructor(init: ApiErrorInit) {
    const url = init.url === undefined ? undefined : redactUrl(init.url);
    const what = init.method && url ? `${init.method} ${url}` : url ?? "request";
    const code = init.errorCode ? ` ${init.errorCode}` : "";
    const text = init.errorMessage ? `: ${redactText(init.errorMessage)}` : "";
    const detail = init.errorDetail ? ` (${redactText(init.errorDetail)})` : "";
    const rid = init.requestId ? ` [request id ${init.requestId}]` : "";
    super(`${what} failed with HTTP ${init.status}${code}${text}${detail}${rid}`);
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorMessage = init.errorMessage === undefined ? undefined : redactText(init.errorMessage);
    this.errorDetail = init.errorDetail === undefined ? undefined : redactText(init.errorDetail);
    this.requestId = init.requestId;
    this.method = init.method;
    this.url = url;
  }
}

/** The request never got an HTTP answer (DNS, connection refused, reset, TLS...), after all retries. */
export class NetworkError extends BackupLinksError {
  readonly method: string | undefined;
  /** The request URL with its query string redacted. */
  readonly url: string | undefined;
  constructor(message: string, init: { method?: string; url?: string; cause?: unknown } = {}) {
    const url = init.url === undefined ? undefined : redactUrl(init.url);
    const what = init.method && url ? ` (${init.method} ${url})` : url ? ` (${url})` : "";
    super(`${redactText(message)}${what}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.method = init.method;
    this.url = url;
  }
}

/** A request attempt took longer than the per-request timeout (and retries, if any, did not help). */
export class TimeoutError extends NetworkError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number, init: { method?: string; url?: string; cause?: unknown } = {}) {
    super(`Request timed out after ${timeoutMs} ms`, init);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Extracts code, message and request id from any provider error body: Huawei-family `{error_code, error_msg}`,
 * gateway `{error: {code, message}}`, DCS `{error_code, error_msg, error_ext_msg}`, JD
 * `{requestId, error: {code, status, message}}`, OpenStack-style `{"itemNotFound": {code, message}}`; anything else
 * (HTML, text, empty) gives a short sanitised excerpt as `errorMessage`. Accepts a string or already-parsed JSON.
 */
export function parseApiErrorBody(body: unknown): ParsedErrorBody {
  throw new Error("not implemented");
}

/**
 * Builds the ApiError for a non-2xx response. `body` is what openapi-fetch returned as `error` (it has already
 * consumed the body); if omitted the body is read from `response`. `request` (optional) supplies method and URL.
 */
export async function apiErrorFromResponse(
  response: Response,
  options: { body?: unknown; request?: { method: string; url: string } } = {},
): Promise<ApiError> {
  throw new Error("not implemented");
}
