/**
 * Independent re-implementations of both signing algorithms, written from the spec text (provider-facts
 * "Authentication") with node:crypto, sharing no code with src/. Used to check what the transport puts on real
 * Requests. Deliberately simple and string-based: encodeURIComponent plus the five characters it leaves alone.
 */
import { createHash, createHmac } from "node:crypto";

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986: unreserved kept, everything else %XX upper-case. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function queryFromSearch(search: string): Array<[string, string]> {
  // The server's view of the query: form decoding ('+' is a space). Inputs here are always well-formed.
  return [...new URLSearchParams(search)];
}

function canonicalQuery(search: string): string {
  const bytes = (s: string) => Buffer.from(s, "utf8");
  return queryFromSearch(search)
    .sort((a, b) => Buffer.compare(bytes(a[0]), bytes(b[0])) || Buffer.compare(bytes(a[1]), bytes(b[1])))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join("&");
}

export interface CapturedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Buffer;
}

/** SDK-HMAC-SHA256 over the SignedHeaders the request claims, recomputed from scratch. */
export function referenceSdkHmac(req: CapturedRequest, ak: string, sk: string): string {
  const url = new URL(req.url);
  const signedNames = /SignedHeaders=([^,]+)/.exec(req.headers.get("authorization") ?? "")?.[1]?.split(";") ?? [];
  // As Huawei's Python SDK signer: unquote the whole path, then split it (so %2F is a separator), then quote.
  const uri = decodeURIComponent(url.pathname)
    .split("/")
    .map((segment) => rfc3986(segment))
    .join("/");
  const canonicalUri = uri.endsWith("/") ? uri : `${uri}/`;
  const headerLines = signedNames.map((name) => `${name}:${(name === "host" ? url.host : req.headers.get(name) ?? "").trim()}\n`).join("");
  const canonicalRequest = [req.method, canonicalUri, canonicalQuery(url.search), headerLines, signedNames.join(";"), sha256(req.body)].join("\n");
  const date = req.headers.get("x-sdk-date")!;
  const stringToSign = `SDK-HMAC-SHA256\n${date}\n${sha256(canonicalRequest)}`;
  const signature = hmac(sk, stringToSign).toString("hex");
  return `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${signedNames.join(";")}, Signature=${signature}`;
}

/** JDCLOUD2-HMAC-SHA256 with the canonical URI byte-identical to the path sent. */
export function referenceJdCloud2(req: CapturedRequest, ak: string, sk: string, region: string, service: string): string {
  const url = new URL(req.url);
  const signedNames = /SignedHeaders=([^,]+)/.exec(req.headers.get("authorization") ?? "")?.[1]?.split(";") ?? [];
  const headerLines = signedNames
    .map((name) => `${name}:${(name === "host" ? url.host : req.headers.get(name) ?? "").replace(/\s+/g, " ").trim()}\n`)
    .join("");
  const canonicalRequest = [req.method, url.pathname || "/", canonicalQuery(url.search), headerLines, signedNames.join(";"), sha256(req.body)].join("\n");
  const date = req.headers.get("x-jdcloud-date")!;
  const day = date.slice(0, 8);
  const scope = `${day}/${region}/${service}/jdcloud2_request`;
  const stringToSign = `JDCLOUD2-HMAC-SHA256\n${date}\n${scope}\n${sha256(canonicalRequest)}`;
  const kDate = hmac(`JDCLOUD2${sk}`, day);
  const kRegion = createHmac("sha256", kDate).update(region).digest();
  const kService = createHmac("sha256", kRegion).update(service).digest();
  const kSigning = createHmac("sha256", kService).update("jdcloud2_request").digest();
  const signature = createHmac("sha256", kSigning).update(stringToSign).digest("hex");
  return `JDCLOUD2-HMAC-SHA256 Credential=${ak}/${scope}, SignedHeaders=${signedNames.join(";")}, Signature=${signature}`;
}

/** A fetch that records every request it receives and answers from `respond`. */
export function recordingFetch(respond: (req: CapturedRequest, index: number) => Response | Promise<Response> = () => new Response("{}", { status: 200 })) {
  const calls: CapturedRequest[] = [];
  const fetch = async (input: Request): Promise<Response> => {
    const captured: CapturedRequest = {
      method: input.method,
      url: input.url,
      headers: new Headers(input.headers),
      body: Buffer.from(await input.arrayBuffer()),
    };
    calls.push(captured);
    return respond(captured, calls.length - 1);
  };
  return { fetch, calls };
}
