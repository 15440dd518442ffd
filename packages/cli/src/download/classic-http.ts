import { createWriteStream } from "node:fs";
import { once } from "node:events";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { pipeline } from "node:stream/promises";
import { RetryableError } from "./errors.js";
import { isCertificateError, isFileSystemError, parseLink, type Exchange, type GetOptions } from "./exchange.js";
import { linkLabel } from "./link-label.js";
import { certificateRefused } from "./raw-http.js";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Large writes: fewer syscalls per GiB. The socket's own buffers bound what is held in memory. */
const WRITE_HIGH_WATER_MARK = 1024 * 1024;

/**
 * A GET through node:http(s), for what the fast path (raw-http.ts) leaves alone: chunked bodies. The body is
 * written with `stream.pipeline` into a file stream (backpressure, flat memory). No Accept-Encoding is sent.
 */
export async function classicGet(url: string, options: GetOptions): Promise<Exchange> {
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await requestOnce(current, options);
    const location = response.headers.location;
    if (REDIRECTS.has(response.statusCode ?? 0) && location !== undefined) {
      response.resume();
      if (hop >= 5) throw new RetryableError(`too many redirects from ${linkLabel(url)}`, { status: response.statusCode });
      current = parseLink(location, current).toString();
      continue;
    }
    return wrap(response, current);
  }
}

function wrap(response: IncomingMessage, url: string): Exchange {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  let out: ReturnType<typeof createWriteStream> | undefined;
  return {
    status: response.statusCode ?? 0,
    headers,
    url,
    get bytesSaved() {
      return out?.bytesWritten ?? 0;
    },
    discard: () => {
      response.destroy();
    },
    async saveBody(path, flags, { fsync, signal }) {
      out = createWriteStream(path, { flags, highWaterMark: WRITE_HIGH_WATER_MARK, flush: fsync });
      try {
        await pipeline(response, out, { signal });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (isFileSystemError(error)) throw error;
        throw new RetryableError(`connection lost after ${out.bytesWritten} bytes of the body`, { cause: error });
      } finally {
        if (!out.closed) await once(out, "close").catch(() => undefined);
      }
    },
  };
}

function requestOnce(url: string, options: GetOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const parsed = parseLink(url);
    const transport = parsed.protocol === "https:" ? https : http;
    const request = transport.request(parsed, {
      method: "GET",
      headers: { "user-agent": "backup-links", ...options.headers },
      signal: options.signal,
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
    request.setTimeout(options.idleTimeoutMs, () => {
      request.destroy(new RetryableError(`no data from ${linkLabel(url)} for ${options.idleTimeoutMs / 1000} s`));
    });
    request.once("response", resolve);
    request.once("error", (error) => {
      if (error instanceof RetryableError || error.name === "AbortError") reject(error);
      else if (isCertificateError(error)) reject(certificateRefused(url, error));
      else reject(new RetryableError(`cannot reach ${linkLabel(url)}: ${(error as NodeJS.ErrnoException).code ?? error.message}`, { cause: error }));
    });
    request.end();
  });
}
