import { isRecord } from "./records.js";
import { redactText, redactUrl } from "./redact.js";

// The fields below are `declare`d and assigned in each constructor: the same own properties as class fields, without
// emitting a field definition per property into every client's bundle.

/** `GET https://host/path` when both are known, else the (redacted) URL as given. */
function requestLabel(method: string | undefined, url: string | undefined): string | undefined {
  return method && url ? `${method} ${url}` : url;
}

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
  declare readonly field: string;
  declare readonly rule: string;
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
  declare readonly variables: readonly string[];
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
 * `errorDetail` come from the body; `requestId` from the body, else `X-Request-Id` / `x-jdcloud-request-id`
 * (see `requestIdOf`).
 */
export class ApiError extends BackupLinksError {
  declare readonly status: number;
  declare readonly errorCode: string | undefined;
  declare readonly errorMessage: string | undefined;
  declare readonly errorDetail: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly method: string | undefined;
  /** The request URL with its query string redacted. */
  declare readonly url: string | undefined;
  constructor(init: ApiErrorInit) {
    // `&&`: undefined stays undefined, and "" redacts to "" anyway.
    const url = init.url && redactUrl(init.url);
    const errorMessage = init.errorMessage && redactText(init.errorMessage);
    const errorDetail = init.errorDetail && redactText(init.errorDetail);
    const what = requestLabel(init.method, url) ?? "request";
    const code = init.errorCode ? ` ${init.errorCode}` : "";
    const text = errorMessage ? `: ${errorMessage}` : "";
    const detail = errorDetail ? ` (${errorDetail})` : "";
    const rid = init.requestId ? ` [request id ${init.requestId}]` : "";
    super(`${what} failed with HTTP ${init.status}${code}${text}${detail}${rid}`);
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.errorMessage = errorMessage;
    this.errorDetail = errorDetail;
    this.requestId = init.requestId;
    this.method = init.method;
    this.url = url;
  }
}

/** The request never got an HTTP answer (DNS, connection refused, reset, TLS...), after all retries. */
export class NetworkError extends BackupLinksError {
  declare readonly method: string | undefined;
  /** The request URL with its query string redacted. */
  declare readonly url: string | undefined;
  constructor(message: string, init: { method?: string; url?: string; cause?: unknown } = {}) {
    const url = init.url && redactUrl(init.url);
    const what = requestLabel(init.method, url);
    super(`${redactText(message)}${what ? ` (${what})` : ""}`, init);
    this.method = init.method;
    this.url = url;
  }
}

/** A request attempt took longer than the per-request timeout (and retries, if any, did not help). */
export class TimeoutError extends NetworkError {
  declare readonly timeoutMs: number;
  constructor(timeoutMs: number, init: { method?: string; url?: string; cause?: unknown } = {}) {
    super(`Request timed out after ${timeoutMs} ms`, init);
    this.timeoutMs = timeoutMs;
  }
}

const EXCERPT_LENGTH = 200;
const MESSAGE_LENGTH = 1024;

/**
 * A string or finite number as a trimmed non-empty string; anything else undefined. Control characters out,
 * whitespace collapsed, URLs and signature-like values redacted, at most `limit` characters.
 */
function text(value: unknown, limit = MESSAGE_LENGTH): string | undefined {
  const str = typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
  if (str === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = redactText(str.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim());
  if (clean === "") return undefined;
  return clean.length > limit ? `${clean.slice(0, limit - 1)}…` : clean;
}

/**
 * Extracts code, message and request id from any provider error body: Huawei-family `{error_code, error_msg}`,
 * gateway `{error: {code, message}}`, DCS `{error_code, error_msg, error_ext_msg}`, JD
 * `{requestId, error: {code, status, message}}`, OpenStack-style `{"itemNotFound": {code, message}}`; anything else
 * (HTML, text, empty) gives a short sanitised excerpt as `errorMessage`. Accepts a string or already-parsed JSON.
 * All strings come out sanitised (control characters removed, URL queries redacted, length capped).
 */
export function parseApiErrorBody(body: unknown): ParsedErrorBody {
  let value = body;
  if (value instanceof Uint8Array) value = new TextDecoder().decode(value);
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed.startsWith("{")) {
      try {
        value = JSON.parse(trimmed) as unknown;
      } catch {
        // not JSON after all: excerpt below
      }
    }
  }
  if (isRecord(value)) {
    const out: ParsedErrorBody = {};
    const set = (key: keyof ParsedErrorBody, found: string | undefined) => {
      if (found !== undefined) out[key] = found;
    };
    set("requestId", text(value.requestId) ?? text(value.request_id));
    // Huawei family (RDS, DDS, DCS, API Gateway): {error_code, error_msg[, error_ext_msg][, request_id]}.
    if ("error_code" in value || "error_msg" in value) {
      set("errorCode", text(value.error_code));
      set("errorMessage", text(value.error_msg));
      set("errorDetail", text(value.error_ext_msg));
      return out;
    }
    // Huawei gateway {error: {code, message}} and JD {requestId, error: {code, status, message}}.
    if (isRecord(value.error)) {
      set("errorCode", text(value.error.status) ?? text(value.error.code) ?? text(value.error.error_code));
      set("errorMessage", text(value.error.message) ?? text(value.error.error_msg));
      return out;
    }
    // Flat {code, message}.
    if ("code" in value && "message" in value) {
      set("errorCode", text(value.code));
      set("errorMessage", text(value.message));
      return out;
    }
    // OpenStack style: {"itemNotFound": {"code": 404, "message": "..."}}.
    const keys = Object.keys(value);
    const inner = keys.length === 1 ? value[keys[0]!] : undefined;
    if (isRecord(inner) && "message" in inner) {
      set("errorCode", keys[0]);
      set("errorMessage", text(inner.message));
      return out;
    }
    if (Object.keys(out).length > 0) return out;
    // An object of no known shape: an excerpt of its JSON.
    value = JSON.stringify(value);
  }
  // A short excerpt of a non-JSON body (HTML tags dropped) for the error message.
  const message =
    typeof value === "string"
      ? text(value.replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " "), EXCERPT_LENGTH)
      : undefined;
  return message === undefined ? {} : { errorMessage: message };
}

/** Response headers that carry the provider's request id, in the order they are looked at. */
const REQUEST_ID_HEADERS = ["x-request-id", "x-jdcloud-request-id", "x-openstack-request-id"];

/**
 * The request id of an answer, one rule for errors and successful calls alike: the body's own (`requestId` JD,
 * `request_id` Huawei) first, as the service itself reported it, else the first gateway header that has one
 * (`X-Request-Id`, `x-jdcloud-request-id`, `X-Openstack-Request-Id`). Sanitised, at most 200 characters.
 * `body` is the parsed JSON body (or a `ParsedErrorBody`); anything else means "no id in the body".
 */
export function requestIdOf(response: Response, body?: unknown): string | undefined {
  let id = isRecord(body) ? text(body.requestId, 200) ?? text(body.request_id, 200) : undefined;
  for (const name of REQUEST_ID_HEADERS) id ??= text(response.headers.get(name), 200);
  return id;
}

/**
 * Builds the ApiError for a non-2xx response. `body` is what openapi-fetch returned as `error` (it has already
 * consumed the body); if omitted and the body is unread, it is read from `response`. `request` (optional) supplies
 * method and URL; otherwise `response.url` is used. The request id is `requestIdOf`'s: the body's
 * (`requestId` / `request_id`), else `X-Request-Id` / `x-jdcloud-request-id`.
 */
export async function apiErrorFromResponse(
  response: Response,
  options: { body?: unknown; request?: { method: string; url: string } } = {},
): Promise<ApiError> {
  let body = options.body;
  if (body === undefined && !response.bodyUsed) {
    try {
      body = await response.text();
    } catch {
      body = undefined;
    }
  }
  const parsed = parseApiErrorBody(body);
  const url = options.request?.url ?? (response.url === "" ? undefined : response.url);
  // `parsed.requestId` is the body's id (JSON or not), so requestIdOf sees it as it sees a success body's.
  return new ApiError({ status: response.status, ...parsed, requestId: requestIdOf(response, parsed), method: options.request?.method, url });
}
