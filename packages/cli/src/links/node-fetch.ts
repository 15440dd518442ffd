import http from "node:http";
import https from "node:https";
import type { FetchLike } from "@backup-links/core";
import { fetch as undiciFetch, type Dispatcher } from "undici";
import { createDispatcher, proxySettings, type ProxyOptions } from "../download/http.js";

/**
 * A `fetch` over node:http(s), for the one small JSON request of each command. The global fetch (undici) compiles
 * its WebAssembly HTTP parser on first use, which costs the command about 30 MB of memory and a noticeable part
 * of its start-up; the answers here are a few kilobytes, so a plain request does the same job.
 *
 * Honours the request's method, headers, body and signal (the transport's timeout and the user's Ctrl-C). Failures
 * reject like fetch does: `TypeError("fetch failed")` with the Node error as `cause` (its `code`, e.g.
 * ECONNREFUSED, is what the transport reports). No Accept-Encoding is sent, so bodies arrive uncompressed.
 */
export const nodeFetch: FetchLike = async (input, init) => {
  const request = init === undefined ? input : new Request(input, init);
  request.signal.throwIfAborted();
  const url = new URL(request.url);
  const transport = url.protocol === "https:" ? https : url.protocol === "http:" ? http : undefined;
  if (transport === undefined) throw new TypeError("fetch failed", { cause: new Error(`unsupported scheme ${url.protocol}`) });
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body !== undefined) headers["content-length"] = String(body.length);

  return new Promise<Response>((resolve, reject) => {
    const fail = (error: Error): void => {
      reject(error.name === "AbortError" ? (request.signal.reason ?? error) : new TypeError("fetch failed", { cause: error }));
    };
    const outgoing = transport.request(url, { method: request.method, headers, signal: request.signal }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("error", fail);
      incoming.on("end", () => {
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
          responseHeaders.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
        }
        const status = incoming.statusCode ?? 0;
        // Response refuses a body for these statuses, as fetch would give none.
        const nullBody = request.method === "HEAD" || status === 204 || status === 205 || status === 304;
        resolve(
          new Response(nullBody ? null : Buffer.concat(chunks), {
            status,
            statusText: incoming.statusMessage ?? "",
            headers: responseHeaders,
          }),
        );
      });
    });
    outgoing.on("error", fail);
    outgoing.end(body);
  });
};

/**
 * The `fetch` for the API call: nodeFetch, or, when a proxy applies (`--proxy`, or HTTPS_PROXY / HTTP_PROXY in the
 * environment, either case; NO_PROXY honoured), undici's fetch through a proxy agent. Node 20's global fetch ignores
 * the proxy variables, so only an explicit dispatcher gives proxy support. Proxy credentials go into the
 * Proxy-Authorization header only; errors name the proxy without them.
 */
export function apiFetch(options: ProxyOptions): FetchLike {
  const proxies = proxySettings(options);
  if (proxies.httpProxy === "" && proxies.httpsProxy === "") return nodeFetch;
  let dispatcher: Dispatcher | undefined;
  return async (input, init) => {
    const request = init === undefined ? input : new Request(input, init);
    dispatcher ??= createDispatcher({ ...options, connections: 4, idleTimeoutMs: 60_000 });
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body,
      signal: request.signal,
      // The request's own mode: core's transport asks for "manual", so that a redirect never carries the
      // authentication headers (X-Auth-Token, X-Security-Token) to another host.
      redirect: request.redirect,
      dispatcher,
    });
    // Handed on as the global Response type the clients expect (undici's own class is a different one).
    const nullBody = request.method === "HEAD" || [204, 205, 304].includes(response.status);
    return new Response(nullBody ? null : Buffer.from(await response.arrayBuffer()), {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
    });
  };
}
