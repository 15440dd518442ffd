import type { Credentials } from "./credentials.js";

/**
 * A URL safe to print: origin and path kept, the whole query string replaced by `?<redacted>`, fragment and
 * userinfo dropped. Pre-signed links carry their signature in the query (`Signature`, `X-Amz-Signature`,
 * `AWSAccessKeyId`...), and any query may; replacing all of it is the rule that cannot miss one.
 * A value that is not a parsable absolute URL is returned as `<redacted>` if it has a query, else unchanged.
 */
export function redactUrl(url: string | URL): string {
  throw new Error("not implemented");
}

/** Free text with the query string of every URL in it redacted (`https://h/p?<redacted>`). */
export function redactText(text: string): string {
  throw new Error("not implemented");
}

/**
 * A copy of `credentials` whose secrets (`secretKey`, `securityToken`, `token`) stay readable as properties but
 * never show in `JSON.stringify`, `util.inspect`, `String()` or object spread/enumeration.
 */
export function protectCredentials<T extends Credentials>(credentials: T): T {
  throw new Error("not implemented");
}
