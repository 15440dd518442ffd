import { formatSigningDate } from "../signers/canonical.js";
import { signSdkHmacSha256 } from "../signers/sdk-hmac.js";
import { ValidationError } from "../errors.js";
import type { TokenSource } from "../credential-types.js";
import {
  HEADER_RULE,
  checkAccessKeys,
  checkProjectId,
  credentialFields,
  isHeaderToken,
  isTokenOnly,
  withoutAuthHeaders,
  type AuthScheme,
} from "./authenticator.js";

const SHAPE = "{ accessKey, secretKey } or { token }";

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
    if (!(typeof token == "function" || isHeaderToken(token))) throw new ValidationError("credentials.token", HEADER_RULE);
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
  const securityToken = c.securityToken;
  if (securityToken !== undefined && !isHeaderToken(securityToken)) {
    throw new ValidationError("credentials.securityToken", HEADER_RULE);
  }
  const projectId = checkProjectId(options);
  const { clock } = options;
  return {
    async authenticate(parts) {
      const headers = withoutAuthHeaders(parts.headers);
      headers.set("X-Sdk-Date", formatSigningDate(new Date(clock())));
      if (projectId !== undefined) headers.set("X-Project-Id", projectId);
      if (securityToken !== undefined) headers.set("X-Security-Token", securityToken);
      const optional = ["content-type", "x-project-id", "x-security-token"].filter((name) => headers.has(name));
      const signed = ["host", "x-sdk-date", ...optional];
      const result = await signSdkHmacSha256(
        { method: parts.method, url: parts.url, headers, body: parts.body ?? "" },
        { accessKey, secretKey },
        signed,
      );
      headers.set("Authorization", result.authorization);
      return headers;
    },
  };
};
