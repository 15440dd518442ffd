/**
 * A `fetch` for clients under contract test: it can add Prism's `Prefer` header to every request (to select a
 * documented response, e.g. `code=404`), and it records each request and raw response, with Prism's
 * `sl-violations` parsed, so a test can assert on what actually crossed the wire besides what the client returned.
 */

/** One entry of Prism's `sl-violations` response header. */
export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** One request/response pair as seen on the wire. */
export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  /** Parsed `sl-violations` header: empty when Prism found nothing wrong with the request or its response. */
  violations: Violation[];
}

export interface RecordingFetch {
  /** Pass this as the client's `fetch`. */
  fetch: typeof fetch;
  /** Every exchange so far, oldest first. */
  readonly exchanges: Exchange[];
  /** The last exchange; throws if there was none. */
  last(): Exchange;
}

export interface RecordingFetchOptions {
  /** Value of a `Prefer` header added to every request, e.g. `code=404` or `example=notFound`. */
  prefer?: string;
  /** The fetch that really sends (default `globalThis.fetch`). */
  fetch?: typeof fetch;
}

/** Parses Prism's `sl-violations` header (absent: no violations). */
export function violationsOf(headers: Headers): Violation[] {
  const header = headers.get("sl-violations");
  if (!header) return [];
  const parsed: unknown = JSON.parse(header);
  if (!Array.isArray(parsed)) throw new Error(`sl-violations is not a JSON array: ${header}`);
  return parsed as Violation[];
}

export function recordingFetch(options: RecordingFetchOptions = {}): RecordingFetch {
  const send = options.fetch ?? globalThis.fetch;
  const exchanges: Exchange[] = [];
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (options.prefer !== undefined) request.headers.set("Prefer", options.prefer);
    const requestBody = request.body ? await request.clone().text() : "";
    const response = await send(request);
    const responseBody = await response.clone().text();
    exchanges.push({
      method: request.method,
      url: request.url,
      requestHeaders: Object.fromEntries(request.headers),
      requestBody,
      status: response.status,
      responseHeaders: Object.fromEntries(response.headers),
      responseBody,
      violations: violationsOf(response.headers),
    });
    return response;
  };
  return {
    fetch: wrapped as typeof fetch,
    exchanges,
    last() {
      const exchange = exchanges.at(-1);
      if (!exchange) throw new Error("no request was sent");
      return exchange;
    },
  };
}
