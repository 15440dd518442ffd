import { createHmac, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ObjectContent } from "./content.js";

/** What the store needs to know about an object; `undefined` from the lookup means "no such key". */
export interface StoredObject {
  key: string;
  size: number;
  /** When the object was written (the backup's end). */
  lastModified?: Date | undefined;
}

export interface ObjectStoreOptions {
  seed: string;
  /** The object behind a key, or undefined (deleted, expired backup). */
  lookup: (key: string) => StoredObject | undefined;
  now: () => number;
  /** Caps each download at this many bytes per second (to watch progress, or interrupt a download mid-way). */
  bytesPerSecond?: number | undefined;
}

/** The pre-signed link flavours: OBS (Huawei Cloud, OTC; S3 v2 query form) and JD Cloud OSS. */
export type LinkFlavour = "obs" | "oss";

const ACCESS_PARAM: Record<LinkFlavour, string> = { obs: "AWSAccessKeyId", oss: "AccessKey" };

/**
 * A mock OBS / OSS: pre-signed GET links (`AWSAccessKeyId`/`Expires`/`Signature`, the OBS "signature in a URL"
 * construction over verb, Expires and resource), `Range` (one range: 206 with the exact Content-Range; start past
 * the end: 416 `bytes * /size`; malformed or several ranges: 200 with the whole object, as OBS documents), `If-Match`
 * (412), `If-None-Match` (304), ETag = MD5 of the content, and 403 with an OBS-style XML error for an expired or
 * forged link. HEAD is refused like OBS refuses it on a GET link: the verb is signed.
 */
export class ObjectStore {
  private readonly secret = randomBytes(20).toString("hex");
  private readonly accessKey = "MOCKOBSACCESSKEY";
  private readonly etags = new Map<string, string>();
  /** Signatures of the links issued so far, and whether `revokeLinks()` has expired them. */
  private readonly issued = new Map<string, { revoked: boolean }>();

  constructor(private readonly options: ObjectStoreOptions) {}

  /** A link to `key` valid for `seconds`, under `baseUrl` (the server's origin). */
  presign(baseUrl: string, flavour: LinkFlavour, key: string, seconds: number): string {
    const expires = Math.floor(this.options.now() / 1000) + seconds;
    const signature = this.sign(flavour, key, expires);
    this.issued.set(signature, { revoked: false });
    const query = new URLSearchParams({ [ACCESS_PARAM[flavour]]: this.accessKey, Expires: String(expires), Signature: signature });
    return `${baseUrl}/${flavour}/${key.split("/").map(encodeURIComponent).join("/")}?${query}`;
  }

  /** Every link issued so far stops working (403 "Request has expired"), as if its time had passed. */
  revokeLinks(): void {
    for (const link of this.issued.values()) link.revoked = true;
  }

  /** The ETag (quoted MD5 hex) of an object. */
  etag(object: StoredObject): string {
    let etag = this.etags.get(object.key);
    if (etag === undefined) {
      etag = `"${new ObjectContent(this.options.seed, object.key, object.size).md5()}"`;
      this.etags.set(object.key, etag);
    }
    return etag;
  }

  private sign(flavour: LinkFlavour, key: string, expires: number): string {
    return createHmac("sha1", this.secret).update(`GET\n\n\n${expires}\n/${flavour}/${key}`).digest("base64");
  }

  /** Serves `GET /<flavour>/<key>?...`. */
  handle(flavour: LinkFlavour, request: IncomingMessage, response: ServerResponse, url: URL): void {
    const key = url.pathname.slice(flavour.length + 2).split("/").map(decodeURIComponent).join("/");
    const expires = Number(url.searchParams.get("Expires"));
    const signature = url.searchParams.get("Signature") ?? "";
    const nowSeconds = Math.floor(this.options.now() / 1000);
    const verb = request.method === "HEAD" ? "HEAD" : request.method;
    const expected = createHmac("sha1", this.secret).update(`${verb}\n\n\n${expires}\n/${flavour}/${key}`).digest("base64");
    if (url.searchParams.get(ACCESS_PARAM[flavour]) !== this.accessKey || signature !== expected) {
      return xmlError(response, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }
    if (!Number.isFinite(expires) || expires < nowSeconds || this.issued.get(signature)?.revoked === true) {
      return xmlError(response, 403, "AccessDenied", "Request has expired", {
        Expires: new Date(expires * 1000).toISOString(),
        ServerTime: new Date(this.options.now()).toISOString(),
      });
    }
    const object = this.options.lookup(key);
    if (object === undefined) return xmlError(response, 404, "NoSuchKey", "The specified key does not exist.");
    const etag = this.etag(object);
    const ifMatch = request.headers["if-match"];
    if (ifMatch !== undefined && !ifMatch.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*")) {
      return xmlError(response, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold.");
    }
    const ifNoneMatch = request.headers["if-none-match"];
    if (ifNoneMatch !== undefined && ifNoneMatch.split(",").some((tag) => tag.trim() === etag)) {
      response.writeHead(304, { ETag: etag });
      return void response.end();
    }
    const headers: Record<string, string | number> = {
      ETag: etag,
      "Accept-Ranges": "bytes",
      "Content-Type": "application/octet-stream",
      "Last-Modified": (object.lastModified ?? new Date(0)).toUTCString(),
    };
    const range = parseRange(request.headers.range, object.size);
    if (range === "unsatisfiable") {
      response.writeHead(416, { ...headers, "Content-Range": `bytes */${object.size}`, "Content-Type": "application/xml" });
      return void response.end(errorXml("InvalidRange", "The requested range cannot be satisfied."));
    }
    const [start, end] = range ?? [0, object.size - 1];
    response.writeHead(range ? 206 : 200, {
      ...headers,
      "Content-Length": end - start + 1,
      ...(range ? { "Content-Range": `bytes ${start}-${end}/${object.size}` } : {}),
    });
    if (request.method === "HEAD" || end < start) return void response.end();
    const rate = this.options.bytesPerSecond;
    // Throttled: 16 KiB chunks, each followed by the pause that keeps the rate.
    const content = new ObjectContent(this.options.seed, object.key, object.size);
    streamBytes(rate === undefined ? content.range(start, end) : content.range(start, end, 16 * 1024), response, rate);
  }
}

/** Writes chunks with back-pressure (and at most `bytesPerSecond`), stopping when the client goes away. */
function streamBytes(chunks: Generator<Buffer>, response: ServerResponse, bytesPerSecond?: number): void {
  const pump = (): void => {
    for (let next = chunks.next(); !next.done; next = chunks.next()) {
      if (response.destroyed) return;
      const drained = response.write(next.value);
      if (bytesPerSecond !== undefined) {
        setTimeout(pump, (next.value.length / bytesPerSecond) * 1000);
        return;
      }
      if (!drained) {
        response.once("drain", pump);
        return;
      }
    }
    response.end();
  };
  response.on("close", () => chunks.return(undefined));
  pump();
}

/**
 * One `bytes=` range as OBS reads it: `a-b`, `a-`, `-n`; an end past the object is clamped; a start past the end
 * is unsatisfiable (416); anything else (malformed, end < start, several ranges) is ignored: the whole object.
 */
export function parseRange(header: string | undefined, size: number): [number, number] | "unsatisfiable" | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? Number.POSITIVE_INFINITY : Number(m[2]);
  if (end < start) return undefined;
  if (start >= size) return "unsatisfiable";
  return [start, Math.min(end, size - 1)];
}

function errorXml(code: string, message: string, extra: Record<string, string> = {}): string {
  const fields = Object.entries({ Code: code, Message: message, RequestId: randomBytes(8).toString("hex").toUpperCase(), ...extra })
    .map(([name, value]) => `<${name}>${value}</${name}>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Error>${fields}</Error>`;
}

function xmlError(response: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const body = errorXml(code, message, extra);
  response.writeHead(status, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}
