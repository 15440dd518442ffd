/**
 * Shortcuts of the signers for the common case, each giving exactly what the general code in canonical.ts and
 * sdk-hmac.ts gives, or `undefined` to fall back to it. They make signing in Node about twice as fast; browser
 * bundlers swap this module for fast-paths-web.ts (the package's `browser` field), which always falls back, to keep
 * client bundles small where a signature a second is plenty.
 */
import type { UrlParts } from "./url-parts.js";

/**
 * The canonical query of a raw query whose keys and values are all unreserved characters, or undefined when one is
 * not. Such text decodes to itself and is ASCII, so string order is the byte order of the general path, and each
 * part is already canonical (`key=value`).
 */
export function canonicalUnreservedQuery(text: string): string | undefined {
  if (!UNRESERVED_QUERY.test(text)) return undefined;
  // Insertion-sorted by key, then by the whole `key=value` (the same key: by value); fast for the few parameters
  // of an API call, and a long query goes to the general code rather than an n² sort.
  const parts: string[] = [];
  const keys: string[] = [];
  for (const part of text.split("&")) {
    if (part === "") continue;
    if (parts.length === MAX_SORTED_PARAMETERS) return undefined;
    const eq = part.indexOf("=");
    if (eq >= 0 && part.indexOf("=", eq + 1) >= 0) return undefined; // `a=b=c`: the value's "=" must be encoded
    const key = eq < 0 ? part : part.slice(0, eq);
    const canonical = eq < 0 ? `${part}=` : part;
    let i = parts.length;
    for (; i > 0 && (keys[i - 1]! > key || (keys[i - 1] === key && parts[i - 1]! > canonical)); i--) {
      parts[i] = parts[i - 1]!;
      keys[i] = keys[i - 1]!;
    }
    parts[i] = canonical;
    keys[i] = key;
  }
  return parts.join("&");
}

const MAX_SORTED_PARAMETERS = 32;
const UNRESERVED_QUERY = /^[A-Za-z0-9._~=&-]*$/;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `YYYYMMDDTHHMMSSZ` for years 0-9999; `undefined` for other years and invalid dates (toISOString decides those). */
export function formatSigningDateFast(date: Date): string | undefined {
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return undefined;
  return `${String(year).padStart(4, "0")}${pad2(date.getUTCMonth() + 1)}${pad2(date.getUTCDate())}T${pad2(date.getUTCHours())}${pad2(date.getUTCMinutes())}${pad2(date.getUTCSeconds())}Z`;
}

/** A copy of `names` when they are already sorted, unique, trimmed and lower-case (what the authenticators pass). */
export function alreadyNormalisedHeaderNames(names: readonly string[]): string[] | undefined {
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name === "" || (i > 0 && names[i - 1]! >= name)) return undefined;
    for (let c = 0; c < name.length; c++) {
      const code = name.charCodeAt(c);
      // Upper case, white space and anything else outside lower-case token characters: normalise.
      if ((code >= 0x41 && code <= 0x5a) || code <= 0x20 || code >= 0x7f) return undefined;
    }
  }
  return names.slice();
}

/** A path whose segments are all unreserved characters is its own canonical URI (before the trailing `/`). */
export function unreservedPath(pathname: string): string | undefined {
  return /^[A-Za-z0-9._~/-]*$/.test(pathname) ? pathname : undefined;
}

/**
 * `host`, `pathname` and `search` of an http(s) URL string that the URL parser leaves as it is, or undefined: a
 * lower-case DNS name whose last label starts with a letter (so it is never read as an IPv4 number) and has no
 * `xn--` label (those are validated), no port, userinfo or fragment, and a path and query of unreserved characters
 * (and `/`, `=`, `&`) without `.` or `..` segments. `new URL` costs about as much as the rest of the canonical request.
 */
export function plainUrlParts(url: string): UrlParts | undefined {
  const match = PLAIN_URL.exec(url);
  if (match === null || match[1]!.includes("xn--")) return undefined;
  const pathname = match[2] ?? "/";
  if (DOT_SEGMENT.test(pathname)) return undefined;
  return { host: match[1]!, pathname, search: match[3] === undefined || match[3] === "?" ? "" : match[3] };
}
const PLAIN_URL = /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(\/[A-Za-z0-9._~\/-]*)?(\?[A-Za-z0-9._~=&-]*)?$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/**
 * JD signing keys of the last few (secret, day, region, service) scopes, by `id`. The key changes once a day, so
 * deriving it (four HMACs) for every request is wasted work; JD's own SDK caches it the same way. A pending
 * derivation is shared; a failed one is not kept.
 */
export function cachedSigningKey(id: string, derive: () => Promise<Uint8Array>): Uint8Array | Promise<Uint8Array> {
  const cached = signingKeyCache.get(id);
  if (cached !== undefined) return cached;
  if (signingKeyCache.size >= SIGNING_KEY_CACHE_SIZE) signingKeyCache.delete(signingKeyCache.keys().next().value!);
  const pending = derive().then(
    (key) => {
      if (signingKeyCache.get(id) === pending) signingKeyCache.set(id, key);
      return key;
    },
    (error: unknown) => {
      signingKeyCache.delete(id);
      throw error;
    },
  );
  signingKeyCache.set(id, pending);
  return pending;
}
const signingKeyCache = new Map<string, Uint8Array | Promise<Uint8Array>>();
const SIGNING_KEY_CACHE_SIZE = 8;
