import {
  API_IDS,
  ENVIRONMENT_VARIABLES,
  ValidationError,
  credentialsFromEnv,
  requireId,
  requireInteger,
  requireOneOf,
  listRegions,
  resolveEndpoint,
  validateBaseUrl,
  type ApiId,
  type Credentials,
  type Environment,
  type FetchLike,
} from "@backup-links/core";
import { APIS, type ApiDescription } from "./apis.js";
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
  const fromEnv = (list: readonly string[]): string | undefined =>
    list.map((name) => env[name]?.trim()).find((value) => value !== undefined && value !== "");

  // Listing (and so `latest`) names the instance on every API, and no backup.
  const listing = purpose === "list";
  const backupId = listing ? "" : required("backupId", options.backupId);

  const instanceId = description.instanceId || listing
    ? required("instanceId", options.instanceId)
    : options.instanceId === undefined
      ? undefined
      : notUsed("instanceId");

  let projectId: string | undefined;
  if (description.projectId) {
    const hint = names.projectId.length > 0 ? `; pass it or set ${names.projectId[0]}` : "";
    projectId = required("projectId", options.projectId ?? fromEnv(names.projectId), hint);
  } else if (options.projectId !== undefined) {
    notUsed("projectId");
  }

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

  const endpoint = options.endpoint === undefined ? undefined : validateBaseUrl(options.endpoint, "endpoint");
  const region = options.region ?? fromEnv(names.region);
  // JD Cloud puts the region in the path and in the signature, so even a mock endpoint needs one.
  if (region === undefined && (endpoint === undefined || description.regionInRequest)) {
    const known = listRegions(description.provider, description.service).join(", ");
    const unless = description.regionInRequest ? "" : " unless an endpoint is given";
    const envHint = names.region.length > 0 ? ` (or set ${names.region[0]})` : "";
    throw new ValidationError("region", `is required for ${api}${unless}; one of ${known}${envHint}`);
  }
  // Checks a region against the known list when no endpoint overrides it.
  resolveEndpoint({ provider: description.provider, service: description.service, region, baseUrl: endpoint });

  const credentials = options.credentials ?? credentialsFromEnv(description.provider, env).credentials;
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
    fetch: options.fetch,
    signal: options.signal,
  };
}
