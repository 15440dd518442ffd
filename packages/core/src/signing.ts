import type { Middleware } from "openapi-fetch";
import type { Credentials } from "./credentials.js";
import type { Provider, Service } from "./endpoints.js";

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

/** Validates the options (ValidationError / CredentialsError) and returns the signer. */
export function createRequestSigner(options: RequestSignerOptions): RequestSigner {
  throw new Error("not implemented");
}

/**
 * An openapi-fetch middleware that only signs (in `onRequest`). Prefer `createTransport`, which signs inside its
 * `fetch` so that each retry is re-signed and no later middleware can change signed bytes.
 */
export function createSigningMiddleware(options: RequestSignerOptions): Middleware {
  throw new Error("not implemented");
}
