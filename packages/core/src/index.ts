/**
 * @backup-links/core: what every backup-links client shares. Request signing (SDK-HMAC-SHA256 for Huawei Cloud and
 * Open Telekom Cloud, JDCLOUD2-HMAC-SHA256 for JD Cloud), a transport for openapi-fetch (signing, IAM token,
 * User-Agent, timeout, retries), typed errors, redaction, region endpoints, environment credentials, input checks
 * and the lenient parsers for the vendors' odd fields. Only `fetch` and the platform's crypto (`node:crypto` in Node,
 * Web Crypto elsewhere).
 * See API.md for how a client package uses it.
 */
export {
  BackupLinksError,
  ValidationError,
  CredentialsError,
  ApiError,
  NetworkError,
  TimeoutError,
  apiErrorFromResponse,
  parseApiErrorBody,
  type ApiErrorInit,
  type ParsedErrorBody,
} from "./errors.js";
export { redactUrl, redactText, protectCredentials } from "./redact.js";
export { requireId, requireInteger, requireDigits, requireOneOf, requireProductTokens } from "./validate.js";
export {
  parseLinkExpiredTime,
  parseVendorTime,
  parseRdsTime,
  parseUtcTime,
  parseJdCloudTime,
  JDCLOUD_ASSUMED_OFFSET_MINUTES,
  parseQueryTime,
  RDS_QUERY_TIME,
  DDS_QUERY_TIME,
  DCS_QUERY_TIME,
  byteCount,
  type QueryTimeFormat,
  kilobytesToBytes,
} from "./time.js";
export { type Provider, type Service, type ApiProfile } from "./api-profile.js";
export { API_IDS, isApiId, type ApiId } from "./api-ids.js";
export {
  OTC_RDS,
  OTC_DDS,
  OTC_DCS,
  HUAWEICLOUD_RDS,
  HUAWEICLOUD_DDS,
  HUAWEICLOUD_DCS,
  JDCLOUD_RDS,
  API_PROFILES,
  findApiProfile,
} from "./apis/index.js";
export type { AuthScheme, AuthOptions, Authenticator, WireParts } from "./auth/authenticator.js";
export {
  resolveEndpoint,
  resolveApiEndpoint,
  listRegions,
  validateBaseUrl,
  type EndpointOptions,
  type ResolvedEndpoint,
} from "./endpoints.js";
export {
  type AccessKeyCredentials,
  type TokenCredentials,
  type TokenSourceCredentials,
  type TokenSource,
  type Credentials,
  type Environment,
  type EnvironmentConfig,
  type EnvironmentVariableNames,
  credentialsFromEnv,
  ENVIRONMENT_VARIABLES,
} from "./credentials.js";
export {
  percentEncode,
  canonicalQueryString,
  formatSigningDate,
  type WireRequest,
  type SignatureResult,
} from "./signers/canonical.js";
export { signSdkHmacSha256, sdkCanonicalUri, SDK_HMAC_ALGORITHM } from "./signers/sdk-hmac.js";
export {
  signJdCloud2,
  jdCloud2CanonicalUri,
  deriveJdCloud2SigningKey,
  JDCLOUD2_ALGORITHM,
  type JdCloud2Scope,
  type JdCloud2SigningKeys,
} from "./signers/jdcloud2.js";
export {
  createRequestSigner,
  createSigningMiddleware,
  type RequestSigner,
  type RequestSignerOptions,
} from "./signing.js";
export {
  createTransport,
  formatUserAgent,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_RETRY,
  type Transport,
  type TransportOptions,
  type RetryOptions,
  type FetchLike,
} from "./transport.js";
export { CORE_VERSION } from "./version.js";
