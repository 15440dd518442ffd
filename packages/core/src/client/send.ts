import type { Middleware } from "openapi-fetch";
import { ValidationError, apiErrorFromResponse, requestIdOf } from "../errors.js";
import { requireObject } from "../validate.js";
import type { CallOptions } from "./options.js";

/** What a friendly method passes to openapi-fetch on top of the operation's params. */
export interface SendInit {
  signal?: AbortSignal;
  middleware: Middleware[];
}

/** The part of an openapi-fetch result a friendly method needs. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * A successful call: the parsed body, when the call began (for links whose lifetime counts from the request), and
 * the request id by the same rule as ApiError's (`requestIdOf`: the body's, else the gateway header).
 */
export interface Sent<T> {
  data: T;
  response: Response;
  startedAt: Date;
  requestId: string | undefined;
}

export function requireCallOptions(options: unknown): CallOptions {
  if (options === undefined) return {};
  requireObject("options", options);
  const { signal } = options as CallOptions;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new ValidationError("options.signal", "must be an AbortSignal");
  }
  return options as CallOptions;
}

/** The call's input object; the methods read named fields from it. */
export function requireInput(input: unknown, example: string): Record<string, unknown> {
  requireObject("input", input, `must be an object such as ${example}`);
  return input;
}

/**
 * Sends one operation through openapi-fetch and returns its parsed body, or throws core's ApiError for an error
 * status, an empty success body or a success body that is not JSON (a misbehaving proxy), with the request id.
 */
export async function send<T>(
  call: (init: SendInit) => Promise<FetchResult<T>>,
  options: CallOptions,
): Promise<Sent<NonNullable<T>>> {
  const startedAt = new Date();
  let lastResponse: Response | undefined;
  // The Request itself: its `method` and `url` are what the error reports.
  let lastRequest: Request | undefined;
  const capture: Middleware = {
    onResponse({ request, response }) {
      lastRequest = request;
      lastResponse = response;
    },
  };
  let result: FetchResult<T>;
  try {
    // An undefined signal is no signal, to openapi-fetch and to Request.
    result = await call({ signal: options.signal, middleware: [capture] });
  } catch (error) {
    // openapi-fetch's JSON.parse of a 2xx body failed: report it as the API's fault, not ours.
    if (!(error instanceof SyntaxError) || lastResponse === undefined) throw error;
    result = { error: "the response body is not valid JSON", response: lastResponse };
  }
  const { data, error, response } = result;
  // A non-2xx answer with its (already read) error body, or a 2xx one without a usable body.
  if (error !== undefined || !response.ok || data === undefined || data === null) {
    throw await apiErrorFromResponse(response, { body: error ?? (response.ok ? "the response has no body" : undefined), request: lastRequest });
  }
  return { data, response, startedAt, requestId: requestIdOf(response, data) };
}
