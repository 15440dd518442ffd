import {
  CredentialsError,
  ENVIRONMENT_VARIABLES,
  credentialsFromEnv,
  protectCredentials,
  type Credentials,
  type Environment,
} from "@backup-links/core";
import { APIS } from "../links/apis.js";
import type { SyncTarget } from "./config.js";

/**
 * A target's credentials and project id from the environment: from the variables its `credentials` block names,
 * else the vendor's own (OS_ACCESS_KEY, HUAWEICLOUD_SDK_AK, JDCLOUD_ACCESS_KEY...). Throws CredentialsError naming
 * the variables to set; values are never echoed.
 */
export function targetCredentials(target: SyncTarget, env: Environment): { credentials: Credentials; projectId: string | undefined } {
  const description = APIS[target.api];
  const read = (name: string | undefined): string | undefined => (name === undefined ? undefined : env[name]?.trim() || undefined);
  const names = target.credentials;
  let credentials: Credentials;
  let projectFromEnv: string | undefined;
  if (names === undefined) {
    const found = credentialsFromEnv(description.provider, env);
    credentials = found.credentials;
    projectFromEnv = found.projectId;
  } else if (names.tokenVariable !== undefined) {
    const token = read(names.tokenVariable);
    if (token === undefined) throw new CredentialsError(`not found in the environment: set ${names.tokenVariable}`, [names.tokenVariable]);
    credentials = protectCredentials({ token });
  } else {
    const accessKey = read(names.accessKeyVariable);
    const secretKey = read(names.secretKeyVariable);
    const missing = [accessKey === undefined ? names.accessKeyVariable! : undefined, secretKey === undefined ? names.secretKeyVariable! : undefined].filter(
      (name): name is string => name !== undefined,
    );
    if (missing.length > 0) throw new CredentialsError(`not found in the environment: set ${missing.join(" and ")}`, missing);
    const securityToken = read(names.securityTokenVariable);
    credentials = protectCredentials(securityToken === undefined ? { accessKey: accessKey!, secretKey: secretKey! } : { accessKey: accessKey!, secretKey: secretKey!, securityToken });
  }
  if (!description.projectId) return { credentials, projectId: undefined };
  const projectVariables = names?.projectIdVariable !== undefined ? [names.projectIdVariable] : ENVIRONMENT_VARIABLES[description.provider].projectId;
  const projectId = target.projectId ?? (names?.projectIdVariable !== undefined ? read(names.projectIdVariable) : projectFromEnv ?? projectVariables.map(read).find(Boolean));
  if (projectId === undefined) {
    throw new CredentialsError(`project id: set projectId in the target, or ${projectVariables[0]} in the environment`, [projectVariables[0]!]);
  }
  return { credentials, projectId };
}
