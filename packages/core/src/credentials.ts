import type { Provider } from "./api-profile.js";
import { HUAWEICLOUD_ENVIRONMENT } from "./apis/huaweicloud.js";
import { JDCLOUD_ENVIRONMENT } from "./apis/jdcloud.js";
import { OTC_ENVIRONMENT } from "./apis/otc.js";
import { CredentialsError, ValidationError } from "./errors.js";
import { protectCredentials } from "./redact.js";
import { processEnvironment } from "#runtime";
import type { Credentials, Environment, EnvironmentConfig, EnvironmentVariableNames } from "./credential-types.js";

export type {
  AccessKeyCredentials,
  TokenCredentials,
  TokenSourceCredentials,
  TokenSource,
  Credentials,
  Environment,
  EnvironmentConfig,
  EnvironmentVariableNames,
} from "./credential-types.js";

/**
 * The environment variable names read for each provider, in order of precedence, following the vendors' own tools:
 * - huaweicloud: `HUAWEICLOUD_SDK_*` from huaweicloud-sdk-go-v3 core/auth/provider/env_provider.go, then `HW_*`
 *   from huaweicloud/terraform-provider-huaweicloud huaweicloud/provider.go (the SDK has no region variable).
 * - otc: `OS_*` from opentelekomcloud/terraform-provider-opentelekomcloud opentelekomcloud/provider.go.
 * - jdcloud: `JDCLOUD_ACCESS_KEY` / `JDCLOUD_SECRET_KEY` from hashicorp/packer-plugin-jdcloud
 *   builder/jdcloud/credential_config.go (JD's SDKs read no environment; no region variable exists).
 * Each entry is also an API profile's `env` (`OTC_RDS.env`), which is what a client bundles.
 */
export const ENVIRONMENT_VARIABLES: Readonly<Record<Provider, EnvironmentVariableNames>> = /* @__PURE__ */ Object.freeze({
  huaweicloud: HUAWEICLOUD_ENVIRONMENT,
  otc: OTC_ENVIRONMENT,
  jdcloud: JDCLOUD_ENVIRONMENT,
});

/** `globalThis.process?.env`, or an empty environment where there is none (browsers, workers). */
export function defaultEnvironment(): Environment {
  return processEnvironment();
}

/** The first non-blank value among `names` (trimmed: a trailing newline from `$(cat file)` is not part of a key). */
export function firstSet(env: Environment, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * Credentials (and project id / region when set) from the environment, by each vendor's own SDK/CLI names
 * (see ENVIRONMENT_VARIABLES and README). AK/SK win over a token. Throws CredentialsError naming the variables to
 * set when neither is complete. `env` defaults to `globalThis.process?.env` (empty elsewhere).
 */
export function credentialsFromEnv(provider: Provider, env: Environment = defaultEnvironment()): EnvironmentConfig {
  const names = ENVIRONMENT_VARIABLES[provider];
  if (names === undefined) throw new ValidationError("provider", `must be one of ${Object.keys(ENVIRONMENT_VARIABLES).join(", ")}`);
  const config = readEnvironment(names, env);
  return { ...config, credentials: protectCredentials(config.credentials) };
}

/**
 * `credentialsFromEnv` by the given variable names (an API profile's `env`), what a client bundles, with the
 * credentials as a plain object: for code that hands them straight to `createTransport` and keeps no reference.
 */
export function readEnvironment(names: EnvironmentVariableNames, env: Environment): EnvironmentConfig {
  const credentials = environmentCredentials(names, env);
  const projectId = firstSet(env, names.projectId);
  const region = firstSet(env, names.region);
  return {
    credentials,
    ...(projectId === undefined ? {} : { projectId }),
    ...(region === undefined ? {} : { region }),
  };
}

/** The credentials part of `readEnvironment` (what a client without `credentials` reads); throws CredentialsError. */
export function environmentCredentials(names: EnvironmentVariableNames, env: Environment): Credentials {
  const accessKey = firstSet(env, names.accessKey);
  const secretKey = firstSet(env, names.secretKey);
  const securityToken = firstSet(env, names.securityToken);
  const token = firstSet(env, names.token);
  if (accessKey !== undefined && secretKey !== undefined) {
    return securityToken === undefined ? { accessKey, secretKey } : { accessKey, secretKey, securityToken };
  }
  if (token !== undefined && accessKey === undefined && secretKey === undefined) return { token };
  const variables = [names.accessKey[0]!, names.secretKey[0]!];
  const tokenName = names.token[0];
  const rule =
    accessKey === undefined && secretKey === undefined
      ? `not found in the environment: set ${variables.join(" and ")}${tokenName === undefined ? "" : ` (or ${tokenName} for an IAM token)`}`
      : // Exactly one of the two is set.
        `incomplete in the environment: ${variables[accessKey === undefined ? 0 : 1]} is not set (set both ${variables.join(" and ")})`;
  throw new CredentialsError(rule, tokenName === undefined ? variables : [...variables, tokenName]);
}
