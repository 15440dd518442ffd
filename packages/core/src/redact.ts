import type { Credentials } from "./credential-types.js";

const REDACTED = "<redacted>";

/**
 * A URL safe to print: scheme, host and path kept, the whole query string replaced by `?<redacted>`, fragment and
 * userinfo dropped. Pre-signed links carry their signature in the query (`Signature`, `X-Amz-Signature`,
 * `AWSAccessKeyId`...), and any query may; replacing all of it is the rule that cannot miss one.
 * A value that is not a parsable absolute URL keeps what precedes its first `?` or `#`.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // not an absolute URL: cut below
  }
  if (parsed === undefined) {
    const text = String(url);
    const cut = text.search(/[?#]/);
    if (cut < 0) return text;
    return text[cut] === "?" ? `${text.slice(0, cut)}?${REDACTED}` : text.slice(0, cut);
  }
  // `protocol//host` rather than `origin`: origin is "null" for non-special schemes (s3://, obs://).
  const hasAuthority = parsed.href.startsWith(`${parsed.protocol}//`);
  const base = hasAuthority ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  const hasQuery = parsed.search !== "" || parsed.href.split("#")[0]!.includes("?");
  return `${base}${parsed.pathname}${hasQuery ? `?${REDACTED}` : ""}`;
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** `name=value` pairs whose value is a credential even outside a URL (e.g. echoed in an error message); `\btoken` also
 * catches `x-auth-token=` and `x-security-token=` ("-" is a word boundary), not `access_token=` ("_" is not). */
const SECRET_PARAM = /\b(signature|x-amz-[a-z-]+|awsaccesskeyid|access_?token|security_?token|token|sig|expires)=([^&\s"'<>]+)/gi;

/** Free text with the query string of every URL in it, and every `Signature=`/`token=`-like value, redacted. */
export function redactText(text: string): string {
  return text.replace(URL_IN_TEXT, redactUrl).replace(SECRET_PARAM, (_m, name: string) => `${name}=${REDACTED}`);
}

/** Node's `util.inspect` hook (a registered symbol, so no `node:util` import is needed). */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const SECRET_FIELDS = ["secretKey", "securityToken", "token"] as const;

/**
 * A frozen copy of `credentials` whose secrets (`secretKey`, `securityToken`, `token`) stay readable as properties
 * but never show in `JSON.stringify`, `util.inspect`, `String()`, `Object.keys` or object spread (so don't spread
 * it: pass the object itself). `accessKey` is an identifier, not a secret, and stays visible.
 */
export function protectCredentials<T extends Credentials>(credentials: T): T {
  const source = credentials as unknown as Record<string, unknown>;
  const out: Record<string | symbol, unknown> = {};
  const view: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (!(SECRET_FIELDS as readonly string[]).includes(key)) {
      out[key] = source[key];
      view[key] = source[key];
    }
  }
  const hidden = (value: unknown) => ({ value, enumerable: false });
  for (const key of SECRET_FIELDS) {
    // Read explicitly: on an already protected object these are non-enumerable.
    if (source[key] !== undefined) {
      Object.defineProperty(out, key, hidden(source[key]));
      view[key] = REDACTED;
    }
  }
  Object.defineProperty(out, "toJSON", hidden(() => ({ ...view })));
  Object.defineProperty(out, "toString", hidden(() => "[Credentials]"));
  Object.defineProperty(out, INSPECT, hidden(() => ({ ...view })));
  return Object.freeze(out) as unknown as T;
}
