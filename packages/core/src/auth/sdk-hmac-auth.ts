import { formatSigningDate, headersRequestParts } from "../signers/canonical.js";
import { sdkHmacSignature } from "../signers/sdk-hmac.js";
import type { TokenSource } from "../credential-types.js";
import {
  checkAccessKeys,
  checkProjectId,
  credentialFields,
  isTokenOnly,
  requireHeaderToken,
  withoutAuthHeaders,
  type AuthScheme,
} from "./authenticator.js";

const SHAPE = "{ accessKey, secretKey } or { token }";
/** What AK/SK signing signs, in canonical order: `host`, `x-sdk-date`, and the others when the request has them. */
const SIGNED_HEADERS = ["content-type", "host", "x-project-id", "x-sdk-date", "x-security-token"];

/**
 * Huawei Cloud and Open Telekom Cloud: an IAM token sent as `X-Auth-Token`, or AK/SK signed with SDK-HMAC-SHA256
 * over `host`, `x-sdk-date` and, when present, `content-type`, `x-project-id` and `x-security-token`.
 */
export const sdkHmacAuth: AuthScheme = (options) => {
  const c = credentialFields(options, SHAPE);
  if (isTokenOnly(c)) {
    // `token` is a string, or a token source (a function, e.g. @backup-links/core/node's IAM token source) that is
    // asked before every attempt and checks its own tokens.
    const token = c.token as string | TokenSource;
    if (typeof token != "function") requireHeaderToken("credentials.token", token);
    checkProjectId(options);
    return {
      async authenticate(parts) {
        const headers = withoutAuthHeaders(parts.headers);
        headers.set("X-Auth-Token", typeof token == "function" ? await token() : token);
        return headers;
      },
    };
  }
  const { accessKey, secretKey } = checkAccessKeys(options, SHAPE, c);
  const securityToken = c.securityToken === undefined ? undefined : requireHeaderToken("credentials.securityToken", c.securityToken);
  const projectId = checkProjectId(options);
  const { clock } = options;
  return {
    async authenticate(parts) {
      const headers = withoutAuthHeaders(parts.headers);
      const date = formatSigningDate(new Date(clock()));
      headers.set("X-Sdk-Date", date);
      if (projectId !== undefined) headers.set("X-Project-Id", projectId);
      if (securityToken !== undefined) headers.set("X-Security-Token", securityToken);
      // Sorted, as signed: `host` (the URL's, unless a header names it) and those of the others the request has.
      const signed = SIGNED_HEADERS.filter((name) => name === "host" || headers.has(name));
      const request = headersRequestParts(parts.method, parts.url, headers, parts.body);
      headers.set("Authorization", (await sdkHmacSignature(request, { accessKey, secretKey }, signed, date)).authorization);
      return headers;
    },
  };
};
