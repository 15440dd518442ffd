import { formatSigningDate, headersRequestParts } from "../signers/canonical.js";
import { jdCloud2Signature, requireJdCloudDate } from "../signers/jdcloud2.js";
import { requirePathId } from "../client/ids.js";
import { ValidationError } from "../errors.js";
import { checkAccessKeys, checkProjectId, credentialFields, isTokenOnly, withoutAuthHeaders, type AuthScheme } from "./authenticator.js";

const SHAPE = "{ accessKey, secretKey }";
/** What JDCLOUD2 signing signs, in canonical order (`host` is the URL's unless a header names it). */
const SIGNED_HEADERS = ["content-type", "host", "x-jdcloud-date", "x-jdcloud-nonce"];

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
  // With a baseUrl the region is not checked against JD's list, and it fills a path segment and the credential scope:
  // `..` would make the URL parser drop a segment (another operation is called) and `/` would split the scope.
  const region = requirePathId("region", options.region);
  return {
    async authenticate(parts) {
      const headers = withoutAuthHeaders(parts.headers);
      const date = formatSigningDate(new Date(clock()));
      headers.set("x-jdcloud-date", date);
      headers.set("x-jdcloud-nonce", nonce());
      // Sorted, as signed: `content-type` only when the request has one.
      const signed = SIGNED_HEADERS.filter((name) => name !== "content-type" || headers.has(name));
      const request = headersRequestParts(parts.method, parts.url, headers, parts.body);
      const signature = await jdCloud2Signature(request, { accessKey, secretKey }, { region, service }, signed, requireJdCloudDate(request));
      headers.set("Authorization", signature.authorization);
      return headers;
    },
  };
};
