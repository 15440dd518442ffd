import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { RetryableError } from "./errors.js";
import { linkLabel } from "./link-label.js";

export interface OpenGetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  /** Fail (retryably) when the socket is silent this long: before the headers or in the middle of the body. */
  idleTimeoutMs: number;
  maxRedirects?: number;
}

export interface OpenedResponse {
  response: IncomingMessage;
  /** The URL that answered, after redirects (a secret like the original: never print it). */
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One GET with node:http(s) rather than fetch: the body arrives as a Node stream that `stream.pipeline` writes to
 * disk with backpressure and no Web-stream conversion, which keeps memory flat and throughput close to curl.
 * No Accept-Encoding is sent, so the bytes counted are the bytes of the file.
 */
export async function openGet(url: string, options: OpenGetOptions): Promise<OpenedResponse> {
  let current = url;
  const maxRedirects = options.maxRedirects ?? 5;
  for (let hop = 0; ; hop++) {
    const response = await requestOnce(current, options);
    const location = response.headers.location;
    if (REDIRECTS.has(response.statusCode ?? 0) && location !== undefined) {
      response.resume();
      if (hop >= maxRedirects) {
        throw new RetryableError(`too many redirects from ${linkLabel(url)}`, { status: response.statusCode });
      }
      current = new URL(location, current).toString();
      continue;
    }
    return { response, url: current };
  }
}

function requestOnce(url: string, options: OpenGetOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      reject(new Error("the download link is not a valid URL"));
      return;
    }
    const transport = parsed.protocol === "https:" ? https : parsed.protocol === "http:" ? http : undefined;
    if (transport === undefined) {
      reject(new Error(`unsupported link scheme ${JSON.stringify(parsed.protocol)}`));
      return;
    }
    const request = transport.request(parsed, {
      method: "GET",
      headers: { "user-agent": "backup-links", ...options.headers },
      signal: options.signal,
    });
    request.setTimeout(options.idleTimeoutMs, () => {
      request.destroy(new RetryableError(`no data from ${linkLabel(url)} for ${options.idleTimeoutMs / 1000} s`));
    });
    request.once("response", resolve);
    request.once("error", (error) => reject(classifyRequestError(error, url)));
    request.end();
  });
}

/** Connection-level failures are worth a retry; an abort or a bad URL is not. */
function classifyRequestError(error: Error, url: string): Error {
  if (error instanceof RetryableError || error.name === "AbortError") return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new RetryableError(`cannot reach ${linkLabel(url)}: ${code ?? error.message}`, { cause: error });
}
