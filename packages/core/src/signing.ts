import type { Middleware } from "openapi-fetch";
import { ENVIRONMENT_VARIABLES, type Credentials } from "./credentials.js";
import type { Provider, Service } from "./endpoints.js";
import { CredentialsError, ValidationError } from "./errors.js";
import { formatSigningDate } from "./signers/canonical.js";
import { signJdCloud2 } from "./signers/jdcloud2.js";
import { signSdkHmacSha256 } from "./signers/sdk-hmac.js";
import { requireId } from "./validate.js";

export interface RequestSignerOptions {
  provider: Provider;
  /** AK/SK (any provider) or an IAM token (huaweicloud/otc). */
  credentials: Credentials;
  /** JD only: the region of the credential scope. */
  region?: string;
  /** JD only: the service of the credential scope (default `rds`). */
  service?: Service;
  /** Huawei/OTC AK/SK only: sent and signed as `X-Project-Id` (needed for sub-projects). */
  projectId?: string;
  /** Epoch milliseconds now; default `Date.now`. */
  clock?: () => number;
  /** JD nonce; default `crypto.randomUUID()`. Called once per signing. */
  nonce?: () => string;
}

/**
 * Returns a NEW Request carrying the authentication headers for this attempt: fresh date (and JD nonce),
 * `Authorization` over the exact method, path, query, headers and body bytes; or `X-Auth-Token` for a token.
 * Authentication headers already on the request (from an earlier attempt) are replaced.
 */
export type RequestSigner = (request: Request) => Promise<Request>;

/** What goes on the wire for one attempt; the body bytes are read once and reused for every attempt. */
export interface WireParts {
  method: string;
  url: string;
  headers: Headers;
  body: Uint8Array | undefined;
}

/** Internal: validated options turned into a function that adds authentication headers to wire parts. */
export interface Authenticator {
  /** Returns the headers to send: a copy of `parts.headers` with this attempt's authentication headers. */
  authenticate(parts: WireParts): Promise<Headers>;
}

/** Headers an earlier signing may have added; removed before each signing so a retry never carries stale ones. */
const AUTH_HEADERS = ["authorization", "x-sdk-date", "x-jdcloud-date", "x-jdcloud-nonce", "x-auth-token"];

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && value.trim() === value;
}

/** Values sent in headers: visible ASCII only (anything else is not a valid header value, or not a real key). */
function isHeaderToken(value: unknown): value is string {
  return typeof value === "string" && /^[\x21-\x7e]+$/.test(value);
}
const HEADER_RULE = "must be a non-empty string of visible ASCII characters";

function credentialsError(provider: Provider, problem: string): CredentialsError {
  const names = ENVIRONMENT_VARIABLES[provider];
  const variables = [names.accessKey[0]!, names.secretKey[0]!];
  const shape = provider === "jdcloud" ? "{ accessKey, secretKey }" : "{ accessKey, secretKey } or { token }";
  return new CredentialsError(
    `${problem}: pass ${shape}, or set ${variables.join(" and ")} and use credentialsFromEnv("${provider}")`,
    variables,
  );
}

type Checked =
  | { kind: "token"; token: string }
  | { kind: "aksk"; accessKey: string; secretKey: string; securityToken: string | undefined };

/** Validates the credentials' shape without ever echoing a value. */
function checkCredentials(provider: Provider, credentials: unknown): Checked {
  if (typeof credentials !== "object" || credentials === null) throw credentialsError(provider, "missing");
  const c = credentials as Record<string, unknown>;
  if (c.token !== undefined && c.accessKey === undefined && c.secretKey === undefined) {
    if (provider === "jdcloud") {
      throw new ValidationError("credentials", "must be { accessKey, secretKey } for jdcloud (IAM tokens exist on Huawei Cloud and OTC only)");
    }
    if (!isHeaderToken(c.token)) throw new ValidationError("credentials.token", HEADER_RULE);
    return { kind: "token", token: c.token };
  }
  if (c.accessKey === undefined || c.secretKey === undefined) throw credentialsError(provider, "accessKey and secretKey are both required");
  if (!isHeaderToken(c.accessKey)) throw new ValidationError("credentials.accessKey", HEADER_RULE);
  if (!isNonEmptyString(c.secretKey)) throw new ValidationError("credentials.secretKey", "must be a non-empty string without surrounding whitespace");
  if (c.securityToken !== undefined) {
    if (provider === "jdcloud") throw new ValidationError("credentials.securityToken", "is not supported for jdcloud");
    if (!isHeaderToken(c.securityToken)) throw new ValidationError("credentials.securityToken", HEADER_RULE);
  }
  return { kind: "aksk", accessKey: c.accessKey, secretKey: c.secretKey, securityToken: c.securityToken as string | undefined };
}

function defaultNonce(): string {
  return globalThis.crypto.randomUUID();
}

/** Internal: validates once, then authenticates any number of attempts. Secrets live only in this closure. */
export function createAuthenticator(options: RequestSignerOptions): Authenticator {
  const { provider } = options;
  if (provider !== "otc" && provider !== "huaweicloud" && provider !== "jdcloud") {
    throw new ValidationError("provider", "must be one of huaweicloud, jdcloud, otc");
  }
  const checked = checkCredentials(provider, options.credentials);
  const clock = options.clock ?? Date.now;
  const nonce = options.nonce ?? defaultNonce;
  const projectId = options.projectId === undefined ? undefined : requireId("projectId", options.projectId);
  if (projectId !== undefined && !isHeaderToken(projectId)) throw new ValidationError("projectId", HEADER_RULE);

  if (checked.kind === "token") {
    const { token } = checked;
    return {
      async authenticate(parts) {
        const headers = new Headers(parts.headers);
        for (const name of AUTH_HEADERS) headers.delete(name);
        headers.set("X-Auth-Token", token);
        return headers;
      },
    };
  }

  const { accessKey, secretKey, securityToken } = checked;
  if (provider === "jdcloud") {
    const region = requireId("region", options.region);
    const service = options.service ?? "rds";
    return {
      async authenticate(parts) {
        const headers = new Headers(parts.headers);
        for (const name of AUTH_HEADERS) headers.delete(name);
        headers.set("x-jdcloud-date", formatSigningDate(new Date(clock())));
        headers.set("x-jdcloud-nonce", nonce());
        const signed = ["host", "x-jdcloud-date", "x-jdcloud-nonce"];
        if (headers.has("content-type")) signed.push("content-type");
        const result = await signJdCloud2(
          { method: parts.method, url: parts.url, headers, body: parts.body ?? "" },
          { accessKey, secretKey },
          { region, service },
          signed,
        );
        headers.set("Authorization", result.authorization);
        return headers;
      },
    };
  }

  return {
    async authenticate(parts) {
      const headers = new Headers(parts.headers);
      for (const name of AUTH_HEADERS) headers.delete(name);
      headers.set("X-Sdk-Date", formatSigningDate(new Date(clock())));
      if (projectId !== undefined) headers.set("X-Project-Id", projectId);
      if (securityToken !== undefined) headers.set("X-Security-Token", securityToken);
      const signed = ["host", "x-sdk-date"];
      for (const optional of ["content-type", "x-project-id", "x-security-token"]) {
        if (headers.has(optional)) signed.push(optional);
      }
      const result = await signSdkHmacSha256(
        { method: parts.method, url: parts.url, headers, body: parts.body ?? "" },
        { accessKey, secretKey },
        signed,
      );
      headers.set("Authorization", result.authorization);
      return headers;
    },
  };
}

/** Reads a request's body once, as the exact bytes that will be sent. */
export async function readBody(request: Request): Promise<Uint8Array | undefined> {
  if (request.body === null) return undefined;
  return new Uint8Array(await request.clone().arrayBuffer());
}

/** A new Request with the same target and options, the given headers, body bytes and signal. */
export function rebuildRequest(
  request: Request,
  headers: Headers,
  body: Uint8Array | undefined,
  signal: AbortSignal = request.signal,
): Request {
  // Only fields every runtime implements (Cloudflare Workers, for one, reject `cache` and friends).
  const init: RequestInit = { method: request.method, headers, signal, redirect: request.redirect };
  if (body !== undefined && request.method !== "GET" && request.method !== "HEAD") {
    init.body = body as Uint8Array<ArrayBuffer>;
  }
  return new Request(request.url, init);
}

/** Validates the options (ValidationError / CredentialsError) and returns the signer. */
export function createRequestSigner(options: RequestSignerOptions): RequestSigner {
  const authenticator = createAuthenticator(options);
  return async (request) => {
    const body = await readBody(request);
    const headers = await authenticator.authenticate({ method: request.method, url: request.url, headers: request.headers, body });
    return rebuildRequest(request, headers, body);
  };
}

/**
 * An openapi-fetch middleware that only signs (in `onRequest`). Prefer `createTransport`, which signs inside its
 * `fetch` so that each retry is re-signed and no later middleware can change signed bytes.
 */
export function createSigningMiddleware(options: RequestSignerOptions): Middleware {
  const sign = createRequestSigner(options);
  return {
    async onRequest({ request }) {
      return sign(request);
    },
  };
}
