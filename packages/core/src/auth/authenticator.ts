import type { Provider, Service } from "../provider.js";
import type { EnvironmentVariableNames } from "../credential-types.js";
import { CredentialsError, ValidationError } from "../errors.js";
import { requireId } from "../validate.js";

/** What goes on the wire for one attempt; the body bytes are read once and reused for every attempt. */
export interface WireParts {
  method: string;
  url: string;
  headers: Headers;
  body: Uint8Array | undefined;
}

/** Validated options turned into a function that adds authentication headers to wire parts. */
export interface Authenticator {
  /** Returns the headers to send: a copy of `parts.headers` with this attempt's authentication headers. */
  authenticate(parts: WireParts): Promise<Headers>;
}

/** What an authentication scheme is built from (by `createTransport` or `createRequestSigner`). */
export interface AuthOptions {
  provider: Provider;
  /** The provider's environment variable names, named in the CredentialsError for missing credentials. */
  env: EnvironmentVariableNames;
  /** Checked here: AK/SK, or `{ token }` where the scheme has tokens. Never echoed. */
  credentials: unknown;
  /** JD: the service of the credential scope. */
  service: Service;
  /** JD: the region of the credential scope. */
  region?: string | undefined;
  /** The API's known regions, listed in the error when a scheme needs a region and none was given. */
  regions?: readonly string[] | undefined;
  /** Huawei/OTC AK/SK: sent and signed as `X-Project-Id`. */
  projectId?: string | undefined;
  clock: () => number;
  nonce: () => string;
}

/** A provider's request authentication: validates the options once, then authenticates any number of attempts. */
export type AuthScheme = (options: AuthOptions) => Authenticator;

/** Values sent in headers: visible ASCII only (anything else is not a valid header value, or not a real key). */
export function isHeaderToken(value: unknown): value is string {
  return typeof value === "string" && /^[\x21-\x7e]+$/.test(value);
}
export const HEADER_RULE = "must be a non-empty string of visible ASCII characters";

/** `value` if it can be sent as a header value as it is (`isHeaderToken`); else a ValidationError for `field`. */
export function requireHeaderToken(field: string, value: unknown): string {
  if (!isHeaderToken(value)) throw new ValidationError(field, HEADER_RULE);
  return value;
}

/** Headers an earlier signing may have added; removed before each signing so a retry never carries stale ones. */
const AUTH_HEADERS = ["authorization", "x-sdk-date", "x-jdcloud-date", "x-jdcloud-nonce", "x-auth-token"];

/** A copy of `headers` without any authentication header of an earlier attempt. */
export function withoutAuthHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  for (const name of AUTH_HEADERS) copy.delete(name);
  return copy;
}

/** Missing credentials: names the shapes to pass and the provider's variables to set instead. */
export function credentialsError(options: AuthOptions, shape: string, problem: string): CredentialsError {
  const variables = [options.env.accessKey[0]!, options.env.secretKey[0]!];
  return new CredentialsError(
    `${problem}: pass ${shape}, or set ${variables.join(" and ")} and use credentialsFromEnv("${options.provider}")`,
    variables,
  );
}

/** The credentials as a record of fields (an object is required), without ever echoing a value. */
export function credentialFields(options: AuthOptions, shape: string): Record<string, unknown> {
  const { credentials } = options;
  if (typeof credentials !== "object" || credentials === null) throw credentialsError(options, shape, "missing");
  return credentials as Record<string, unknown>;
}

/** `c` holds a token and no AK/SK. */
export function isTokenOnly(c: Record<string, unknown>): boolean {
  return c.token !== undefined && c.accessKey === undefined && c.secretKey === undefined;
}

/** Checks AK/SK and returns them. */
export function checkAccessKeys(options: AuthOptions, shape: string, c: Record<string, unknown>): { accessKey: string; secretKey: string } {
  if (c.accessKey === undefined || c.secretKey === undefined) {
    throw credentialsError(options, shape, "accessKey and secretKey are both required");
  }
  return { accessKey: requireHeaderToken("credentials.accessKey", c.accessKey), secretKey: requireId("credentials.secretKey", c.secretKey) };
}

/** The project id when given (checked for every provider, used by Huawei/OTC): an id that is also a valid header value. */
export function checkProjectId(options: AuthOptions): string | undefined {
  if (options.projectId === undefined) return undefined;
  return requireHeaderToken("projectId", requireId("projectId", options.projectId));
}
