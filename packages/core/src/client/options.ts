import type { AccessKeyCredentials, Credentials, Environment } from "../credentials.js";
import type { FetchLike, RetryOptions } from "../transport.js";

/** Options every backup-links client accepts. All are optional; see each client's README for the defaults. */
export interface ClientOptions {
  /**
   * Region id, e.g. `eu-de` (OTC), `ap-southeast-1` (Huawei Cloud), `cn-north-1` (JD Cloud). Selects the endpoint.
   * Default: the vendor's region variable where one exists (`OS_REGION_NAME` for OTC, `HW_REGION_NAME` for Huawei
   * Cloud; JD Cloud has none). See `ENVIRONMENT_VARIABLES` in `@backup-links/core` for every name read.
   */
  region?: string;
  /** An explicit endpoint instead of the region's (a mock, a proxy, a private endpoint): an absolute http(s) URL. */
  baseUrl?: string;
  /** Credentials. Default: read from the environment by the vendor's own variable names (see `@backup-links/core`). */
  credentials?: Credentials;
  /** The `fetch` to send requests with (default `globalThis.fetch`). */
  fetch?: FetchLike;
  /** Timeout of one attempt in milliseconds (default 30000; 0 disables). */
  timeoutMs?: number;
  /** Retry policy for 429, 5xx and network errors (default 3 attempts), or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** Product token(s) appended to the User-Agent, e.g. `my-backup-job/1.2`. */
  userAgent?: string;
  /** Where defaults are read from (default `process.env` where it exists, else nothing). */
  env?: Environment;
}

/** Options of the Huawei Cloud and Open Telekom Cloud clients. */
export interface HuaweiFamilyClientOptions extends ClientOptions {
  /**
   * The project id every path starts with (`/v3/{project_id}/...`); with AK/SK also sent as `X-Project-Id`.
   * Default: `OS_PROJECT_ID` (OTC) or `HUAWEICLOUD_SDK_PROJECT_ID` (Huawei Cloud).
   */
  projectId?: string;
}

/** Options of the JD Cloud client: AK/SK only (JD Cloud has no token auth), region required (it is in the path). */
export interface JdCloudClientOptions extends Omit<ClientOptions, "credentials"> {
  credentials?: AccessKeyCredentials;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call (and any retry wait); the abort reason is rethrown. */
  signal?: AbortSignal;
}
