/** Reads a request's body once, as the exact bytes that will be sent. */
export async function readBody(request: Request): Promise<Uint8Array | undefined> {
  if (request.body === null) return undefined;
  return new Uint8Array(await request.clone().arrayBuffer());
}

/**
 * A new Request with the same target and method, the given (authentication) headers, body bytes and signal, that
 * does not follow redirects: a 3xx comes back as the answer. Fetch drops only `Authorization` when it follows a
 * redirect to another origin, so following one would hand `X-Auth-Token` (an IAM token), `X-Security-Token` and
 * `X-Project-Id` to whatever host the redirect names; and a signature covers one path, so it could not be valid there.
 */
export function rebuildRequest(
  request: Request,
  headers: Headers,
  body: Uint8Array | undefined,
  signal: AbortSignal = request.signal,
): Request {
  // Only fields every runtime implements (Cloudflare Workers, for one, reject `cache` and friends).
  const init: RequestInit = { method: request.method, headers, signal, redirect: "manual" };
  if (body !== undefined && request.method !== "GET" && request.method !== "HEAD") {
    init.body = body as Uint8Array<ArrayBuffer>;
  }
  return new Request(request.url, init);
}
