import type { Middleware } from "openapi-fetch";
import type { Provider, Service } from "./api-profile.js";
import { jdCloud2Auth } from "./auth/jdcloud2-auth.js";
import { sdkHmacAuth } from "./auth/sdk-hmac-auth.js";
import { ENVIRONMENT_VARIABLES, type Credentials } from "./credentials.js";
import { ValidationError } from "./errors.js";
import { readBody, rebuildRequest } from "./wire.js";

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
  const { provider } = options;
  if (provider !== "otc" && provider !== "huaweicloud" && provider !== "jdcloud") {
    throw new ValidationError("provider", "must be one of huaweicloud, jdcloud, otc");
  }
  const scheme = provider === "jdcloud" ? jdCloud2Auth : sdkHmacAuth;
  const authenticator = scheme({
    provider,
    env: ENVIRONMENT_VARIABLES[provider],
    credentials: options.credentials,
    service: options.service ?? "rds",
    region: options.region,
    projectId: options.projectId,
    clock: options.clock ?? Date.now,
    nonce: options.nonce ?? (() => globalThis.crypto.randomUUID()),
  });
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
