/**
 * Shortcuts of the signers for the common case, each giving exactly what the general code in canonical.ts and
 * sdk-hmac.ts gives, or `undefined` to fall back to it. They make signing in Node about twice as fast; browser
 * bundlers swap this module for fast-paths-web.ts (the package's `browser` field), which always falls back, to keep
 * client bundles small where a signature a second is plenty.
 */

/**
 * The canonical query of a raw query whose keys and values are all unreserved characters, or undefined when one is
 * not. Such text decodes to itself and is ASCII, so string order is the byte order of the general path, and each
 * part is already canonical (`key=value`).
 */
export function canonicalUnreservedQuery(text: string): string | undefined {
  if (!UNRESERVED_QUERY.test(text)) return undefined;
  const pairs: Array<[key: string, value: string, canonical: string]> = [];
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) pairs.push([part, "", `${part}=`]);
    else if (part.indexOf("=", eq + 1) >= 0) return undefined; // `a=b=c`: the value's "=" must be encoded
    else pairs.push([part.slice(0, eq), part.slice(eq + 1), part]);
  }
  pairs.sort((a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]));
  let out = "";
  for (let i = 0; i < pairs.length; i++) out += i === 0 ? pairs[i]![2] : `&${pairs[i]![2]}`;
  return out;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
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
