/**
 * The shapes of credentials, environments and environment variable names: types only, at the bottom of core's
 * import graph, so that the modules that read credentials (credentials.ts), hide them (redact.ts) and name their
 * variables (apis/*, auth/*) can all use them without importing one another. credentials.ts re-exports them.
 */

/** AK/SK. For Huawei Cloud / OTC temporary credentials also `securityToken` (sent as `X-Security-Token`). */
export interface AccessKeyCredentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
}

/** An IAM token (Huawei Cloud / OTC only), sent as `X-Auth-Token`. */
export interface TokenCredentials {
  token: string;
}

/**
 * Where a fresh IAM token comes from: called before every request attempt (Huawei Cloud / OTC), it returns the
 * current token, renewing it when it is about to expire (see `createIamTokenSource` in `@backup-links/core/node`).
 */
export type TokenSource = () => Promise<string>;

/** An IAM token that can change: `token` is asked before every attempt and sent as `X-Auth-Token`. */
export interface TokenSourceCredentials {
  token: TokenSource;
}

export type Credentials = AccessKeyCredentials | TokenCredentials | TokenSourceCredentials;

/** An environment: `process.env` or any plain record (Deno.env.toObject(), a test fixture). */
export type Environment = Readonly<Record<string, string | undefined>>;

export interface EnvironmentConfig {
  /** Protected (see protectCredentials): secrets never show in JSON/inspect. */
  credentials: Credentials;
  projectId?: string;
  region?: string;
}

/** Names read for one provider, each list in order of precedence. */
export interface EnvironmentVariableNames {
  accessKey: readonly string[];
  secretKey: readonly string[];
  securityToken: readonly string[];
  token: readonly string[];
  projectId: readonly string[];
  region: readonly string[];
}
