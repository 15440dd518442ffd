import {
  API_IDS,
  ENVIRONMENT_VARIABLES,
  ValidationError,
  requireId,
  requireInteger,
  requireOneOf,
  listRegions,
  resolveEndpoint,
  type ApiId,
  type Credentials,
  type Environment,
  type FetchLike,
} from "@backup-links/core";
import { loadConfig, missingCredentialsError, type LoadedConfig } from "@backup-links/core/node";
import { APIS, type ApiDescription } from "./apis.js";
import { nodeFetch } from "./node-fetch.js";
import type { GetBackupLinksOptions } from "./types.js";

/** A request that passed every check: what the API adapter needs, nothing left to default. */
export interface ResolvedRequest {
  api: ApiId;
  description: ApiDescription;
  region: string | undefined;
  endpoint: string | undefined;
  projectId: string | undefined;
  /** "" when listing. */
  backupId: string;
  instanceId: string | undefined;
  expiration: number | undefined;
  fileName: string | undefined;
  credentials: Credentials;
  /** Where each setting came from (`backup-links config`). */
  config: LoadedConfig;
  fetch: FetchLike | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Checks every input and fills defaults from the environment, before any request: a mistake throws a
 * ValidationError naming the option (`backupId: is required`), missing credentials a CredentialsError naming the
 * environment variables to set. Values are never echoed (some are secrets).
 */
export function resolveRequest(options: GetBackupLinksOptions, purpose: "links" | "list" = "links"): ResolvedRequest {
  const api = requireOneOf("api", options.api, API_IDS);
  const description = APIS[api];
  const env: Environment = options.env ?? process.env;
  const names = ENVIRONMENT_VARIABLES[description.provider];
  const notUsed = (field: string): never => {
    throw new ValidationError(field, `is not used by ${api}`);
  };
  const required = (field: string, value: unknown, hint = ""): string => {
    if (value === undefined) throw new ValidationError(field, `is required for ${api}${hint}`);
    return requireId(field, value);
  };

  // Listing (and so `latest`) names the instance on every API, and no backup.
  const listing = purpose === "list";
  const backupId = listing ? "" : required("backupId", options.backupId);

  const instanceId = description.instanceId || listing
    ? required("instanceId", options.instanceId)
    : options.instanceId === undefined
      ? undefined
      : notUsed("instanceId");

  let expiration: number | undefined;
  if (description.expiration !== undefined) {
    const rule = description.expiration;
    expiration =
      options.expiration === undefined ? rule.default : requireInteger("expiration", options.expiration, rule.min, rule.max);
  } else if (options.expiration !== undefined) {
    notUsed("expiration");
  }

  let fileName: string | undefined;
  if (description.fileName) {
    fileName = options.fileName === undefined ? undefined : requireId("fileName", options.fileName);
  } else if (options.fileName !== undefined) {
    notUsed("fileName");
  }
  if (!description.projectId && options.projectId !== undefined) notUsed("projectId");
  if (description.provider !== "otc" && options.osCloud !== undefined) notUsed("osCloud");

  // Explicit options, then the environment, then the vendor's files (core's loadConfig; README "Configuration").
  const config = loadConfig({
    provider: description.provider,
    service: description.service,
    region: options.region,
    endpoint: options.endpoint,
    projectId: options.projectId,
    credentials: options.credentials,
    cloud: options.osCloud,
    env,
    home: options.home,
    fetch: options.fetch ?? nodeFetch,
  });

  let projectId: string | undefined;
  if (description.projectId) {
    const files = description.provider === "otc" ? ", or project_id in the clouds.yaml entry" : ", or project_id in ~/.huaweicloud/credentials [basic]";
    const hint = names.projectId.length > 0 ? `; pass it or set ${names.projectId[0]}${files}` : "";
    projectId = required("projectId", config.projectId?.value, hint);
  }

  const endpoint = config.endpoint?.value;
  const region = config.region?.value;
  const known = listRegions(description.provider, description.service);
  // JD Cloud puts the region in the path and in the signature, so even a mock endpoint needs one.
  if (region === undefined && (endpoint === undefined || description.regionInRequest)) {
    const unless = description.regionInRequest ? "" : " unless an endpoint is given";
    const hints = [...(names.region.length > 0 ? [`set ${names.region[0]}`] : []), ...config.regionConventions];
    const envHint = hints.length > 0 ? ` (or ${hints.join(", or ")})` : "";
    throw new ValidationError("region", `is required for ${api}${unless}; one of ${known.join(", ")}${envHint}`);
  }
  // A region outside the table needs an endpoint configured by one of the conventions.
  if (region !== undefined && endpoint === undefined && !known.includes(region)) {
    requireId("region", region);
    throw new ValidationError(
      "region",
      `must be one of ${known.join(", ")}, or have its endpoint configured by ${config.endpointConventions.join(", or ")}`,
    );
  }
  resolveEndpoint({ provider: description.provider, service: description.service, region, baseUrl: endpoint });

  if (config.credentials === undefined) throw missingCredentialsError(description.provider, config, env);
  const credentials = config.credentials.value;
  return {
    api,
    description,
    region,
    endpoint,
    projectId,
    backupId,
    instanceId,
    expiration,
    fileName,
    credentials,
    config,
    fetch: options.fetch,
    signal: options.signal,
  };
}
