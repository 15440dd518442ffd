import type { Provider } from "./endpoints.js";

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

export type Credentials = AccessKeyCredentials | TokenCredentials;

/** An environment: `process.env` or any plain record (Deno.env.toObject(), a test fixture). */
export type Environment = Readonly<Record<string, string | undefined>>;

export interface EnvironmentConfig {
  /** Protected (see protectCredentials): secrets never show in JSON/inspect. */
  credentials: Credentials;
  projectId?: string;
  region?: string;
}

/** The environment variable names read for each provider, in order of precedence, with the source they follow. */
export const ENVIRONMENT_VARIABLES: Readonly<
  Record<
    Provider,
    {
      accessKey: readonly string[];
      secretKey: readonly string[];
      securityToken: readonly string[];
      token: readonly string[];
      projectId: readonly string[];
      region: readonly string[];
    }
  >
> = {
  huaweicloud: {
    accessKey: ["HUAWEICLOUD_SDK_AK"],
    secretKey: ["HUAWEICLOUD_SDK_SK"],
    securityToken: ["HUAWEICLOUD_SDK_SECURITY_TOKEN"],
    token: [],
    projectId: ["HUAWEICLOUD_SDK_PROJECT_ID"],
    region: ["HUAWEICLOUD_SDK_REGION"],
  },
  otc: {
    accessKey: ["OS_ACCESS_KEY"],
    secretKey: ["OS_SECRET_KEY"],
    securityToken: ["OS_SECURITY_TOKEN"],
    token: ["OS_AUTH_TOKEN"],
    projectId: ["OS_PROJECT_ID"],
    region: ["OS_REGION_NAME"],
  },
  jdcloud: {
    accessKey: ["JDCLOUD_ACCESS_KEY"],
    secretKey: ["JDCLOUD_SECRET_KEY"],
    securityToken: [],
    token: [],
    projectId: [],
    region: ["JDCLOUD_REGION"],
  },
};

/**
 * Credentials (and project id / region when set) from the environment, by each vendor's own SDK/CLI names
 * (see ENVIRONMENT_VARIABLES and README). AK/SK win over a token. Throws CredentialsError naming the variables to
 * set when neither is complete. `env` defaults to `globalThis.process?.env` (empty elsewhere).
 */
export function credentialsFromEnv(provider: Provider, env?: Environment): EnvironmentConfig {
  throw new Error("not implemented");
}
