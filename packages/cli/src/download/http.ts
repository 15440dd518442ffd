import type { Writable } from "node:stream";
import { Agent, EnvHttpProxyAgent, ProxyAgent, interceptors, stream, type Dispatcher } from "undici";
import { DownloadError, RetryableError } from "./errors.js";
import { linkLabel } from "./link-label.js";

/** Where proxy settings come from: `--proxy` / the `proxy` option, else the usual environment variables. */
export interface ProxyOptions {
  /** An explicit proxy URL for every request (overrides the environment). */
  proxy?: string | undefined;
  /** Read for HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case, lower case first, as curl does). Default process.env. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface DispatcherOptions extends ProxyOptions {
  /** Connections to the object store at once (one Agent per download, so this is per file). */
  connections: number;
  /** A connection silent this long, before the headers or mid-body, fails retryably. */
  idleTimeoutMs: number;
  /** Extra trusted CA certificates (PEM) for https links, and for an https proxy. */
  ca?: string | Buffer | undefined;
}

/** The proxy settings in force: explicit `proxy` first, then the environment (lower case wins, like curl). */
export function proxySettings(options: ProxyOptions): { httpProxy: string; httpsProxy: string; noProxy: string } {
  if (options.proxy !== undefined) return { httpProxy: options.proxy, httpsProxy: options.proxy, noProxy: "" };
  const env = options.env ?? process.env;
  const pick = (name: string): string => env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? "";
  return { httpProxy: pick("http_proxy"), httpsProxy: pick("https_proxy"), noProxy: pick("no_proxy") };
}

/**
 * A proxy URL as it may be shown: user name and password dropped (they would otherwise end up in logs).
 * Throws a DownloadError naming the rule for something that is not a usable proxy URL, without echoing it.
 */
export function proxyLabel(proxy: string): string {
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    throw new DownloadError("BAD_PROXY", "the proxy is not a URL (expected http://host:port, https://... or socks5://...)");
  }
  if (!["http:", "https:", "socks5:", "socks:"].includes(url.protocol)) {
    throw new DownloadError("BAD_PROXY", `the proxy URL scheme ${url.protocol} is not supported (use http, https or socks5)`);
  }
  return `${url.protocol}//${url.host}`;
}

/**
 * One dispatcher per download: HTTP/1.1 only (`allowH2: false`: HTTP/2's small flow-control windows make big
 * downloads several times slower), at most `connections` sockets, connect/headers/body timeouts, extra CAs,
 * redirects followed (5 at most), and the proxy from `--proxy` or the environment (NO_PROXY honoured).
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const tls = options.ca === undefined ? {} : { ca: options.ca };
  const base = {
    connections: options.connections,
    allowH2: false,
    pipelining: 1,
    headersTimeout: options.idleTimeoutMs,
    bodyTimeout: options.idleTimeoutMs,
    connect: { timeout: Math.min(options.idleTimeoutMs, 30_000), ...tls },
  };
  const proxies = proxySettings(options);
  for (const value of [proxies.httpProxy, proxies.httpsProxy]) if (value !== "") proxyLabel(value);
  let dispatcher: Dispatcher;
  if (options.proxy !== undefined) {
    dispatcher = new ProxyAgent({ ...base, uri: options.proxy, requestTls: tls, proxyTls: tls });
  } else if (proxies.httpProxy === "" && proxies.httpsProxy === "") {
    dispatcher = new Agent(base);
  } else {
    // The proxy agents get the target's CA through requestTls (their own `connect` is the tunnel).
    dispatcher = new EnvHttpProxyAgent({ ...base, ...proxies, requestTls: tls, proxyTls: tls } as EnvHttpProxyAgent.Options);
  }
  return dispatcher.compose(interceptors.redirect({ maxRedirections: 5 }));
}

/** Status and headers of an answer (names in lower case, repeated fields joined with ", "). */
export interface Head {
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
}

/** What `accept` may return instead of a sink: the body is dropped and this value handed back. */
export interface Refusal<T> {
  refuse: T;
}

export interface GetOptions {
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  signal?: AbortSignal | undefined;
  idleTimeoutMs: number;
}

class Refused<T> extends Error {
  constructor(readonly value: T) {
    super("refused");
  }
}

/**
 * One GET of a link: once the head arrives, `accept` either returns the sink the body streams into (undici writes
 * into it directly, honouring its back-pressure) or refuses it. Resolves with `{ done: true }` once the sink
 * finished, or with the refusal. Network failures reject with a RetryableError (or a DownloadError for what
 * retrying cannot fix, like a refused certificate), whose message holds at most the link's origin and path.
 */
export async function getObject<T>(
  url: string,
  options: GetOptions,
  accept: (head: Head) => Writable | Refusal<T>,
): Promise<{ done: true } | { done: false; refusal: T }> {
  try {
    await stream(
      url,
      {
        method: "GET",
        headers: { "user-agent": "backup-links", "accept-encoding": "identity", ...options.headers },
        dispatcher: options.dispatcher,
        signal: options.signal,
      },
      ({ statusCode, headers }) => {
        const answer = accept({ status: statusCode, headers: flattenHeaders(headers) });
        if ("refuse" in answer) throw new Refused(answer.refuse);
        return answer;
      },
    );
    return { done: true };
  } catch (error) {
    if (error instanceof Refused) return { done: false, refusal: error.value as T };
    throw describeFailure(error, url, options);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  return flat;
}

const FILE_SYSTEM_CODES = new Set(["ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EIO", "EISDIR", "ENOENT", "EMFILE", "ENFILE", "EFBIG", "EBADF", "ENOTDIR", "ENAMETOOLONG"]);

/** A local file-system failure (disk full, permissions...): retrying the download will not help. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const syscall = (error as NodeJS.ErrnoException | undefined)?.syscall;
  return typeof code === "string" && FILE_SYSTEM_CODES.has(code) && syscall !== "connect" && syscall !== undefined;
}

/** The server's certificate was refused: retrying cannot help (trust its CA with NODE_EXTRA_CA_CERTS or `ca`). */
export function isCertificateError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

/** Turns whatever undici or the sink threw into the engine's errors, never quoting the link's query. */
function describeFailure(error: unknown, url: string, options: GetOptions): unknown {
  if (options.signal?.aborted) return options.signal.reason ?? error;
  if (error instanceof DownloadError || error instanceof RetryableError) return error;
  if (isFileSystemError(error)) return error;
  const cause = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const certificate = isCertificateError(cause) ? cause : isCertificateError(cause.cause) ? cause.cause! : undefined;
  if (certificate !== undefined) {
    return new DownloadError(
      "NETWORK",
      `the certificate of ${linkLabel(url)} was refused (${certificate.code}); if it is signed by a private CA, trust it with NODE_EXTRA_CA_CERTS`,
      { cause: error },
    );
  }
  const code = cause.code ?? cause.cause?.code;
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT") {
    return new RetryableError(`no data from ${linkLabel(url)} for ${options.idleTimeoutMs / 1000} s`, { cause: error });
  }
  // undici refuses to follow a Location that is not http(s) (ftp:, file:, javascript:...); every retry would too.
  if (code === "UND_ERR_INVALID_ARG" && /URL protocol/i.test(cause.message ?? "")) {
    return new DownloadError("BAD_LINK", `${linkLabel(url)} redirected to a URL that is not http(s)`, { cause: error });
  }
  if (code === "UND_ERR_REQ_RETRY" || /redirect/i.test(cause.message ?? "")) {
    return new RetryableError(`too many redirects from ${linkLabel(url)}`, { cause: error });
  }
  if (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH") {
    return new RetryableError(`connection to ${linkLabel(url)} lost (${code})`, { cause: error });
  }
  return new RetryableError(`cannot reach ${linkLabel(url)}: ${code ?? cause.message ?? String(error)}`, { cause: error });
}

/**
 * Parses a link without ever letting the URL into an error: Node's ERR_INVALID_URL carries the whole input,
 * signature included, as `error.input`.
 */
export function parseLink(link: string): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(link);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new DownloadError("BAD_LINK", "the download link is not an http(s) URL");
  }
  return parsed;
}
