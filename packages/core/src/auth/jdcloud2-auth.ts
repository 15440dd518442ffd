import { formatSigningDate } from "../signers/canonical.js";
import { signJdCloud2 } from "../signers/jdcloud2.js";
import { ValidationError } from "../errors.js";
import { requireId } from "../validate.js";
import { checkAccessKeys, checkProjectId, credentialFields, isTokenOnly, withoutAuthHeaders, type AuthScheme } from "./authenticator.js";

const SHAPE = "{ accessKey, secretKey }";

/**
 * JD Cloud: AK/SK signed with JDCLOUD2-HMAC-SHA256 over `host`, `x-jdcloud-date`, `x-jdcloud-nonce` (fresh per
 * attempt) and `content-type` when present, in the credential scope of `region` and `service`.
 */
export const jdCloud2Auth: AuthScheme = (options) => {
  if (options.region === undefined) {
    const known = options.regions === undefined ? "" : `; one of ${options.regions.join(", ")}`;
    throw new ValidationError("region", `is required for jdcloud (it is signed and part of the path)${known}`);
  }
  const c = credentialFields(options, SHAPE);
  if (isTokenOnly(c)) {
    throw new ValidationError("credentials", "must be { accessKey, secretKey } for jdcloud (IAM tokens exist on Huawei Cloud and OTC only)");
  }
  const { accessKey, secretKey } = checkAccessKeys(options, SHAPE, c);
  if (c.securityToken !== undefined) throw new ValidationError("credentials.securityToken", "is not supported for jdcloud");
  checkProjectId(options);
  const { clock, nonce, service } = options;
  const region = requireId("region", options.region);
  return {
    async authenticate(parts) {
      const headers = withoutAuthHeaders(parts.headers);
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
};
