import type { AccessKeyCredentials } from "@backup-links/core";
import type { JdCloudRegion } from "@backup-links/jdcloud-rds";
import { nodeFetch } from "./node-fetch.js";
import type { ResolvedRequest } from "./resolve.js";

/** What the cross-provider code calls on any client; each client's own input and result types are richer. */
export interface ApiClient {
  getBackupDownloadLinks(input: never, options?: { signal?: AbortSignal }): Promise<unknown>;
  listAllBackups(input: never, options?: { signal?: AbortSignal }): AsyncIterable<unknown>;
}

/**
 * The chosen API's client package, created with the resolved settings (signing, retries, typed errors). Only the
 * chosen client is loaded (a dynamic import), which keeps the command's start-up short; requests go through
 * node:http unless a `fetch` is given (see node-fetch.ts). Every default was already resolved, so nothing is read
 * from the environment here (`env: {}`).
 */
export async function createApiClient(request: ResolvedRequest): Promise<ApiClient> {
  const common = {
    ...(request.region === undefined ? {} : { region: request.region }),
    ...(request.endpoint === undefined ? {} : { baseUrl: request.endpoint }),
    fetch: request.fetch ?? nodeFetch,
    credentials: request.credentials,
    env: {},
  };
  const huawei = { ...common, projectId: request.projectId! };
  switch (request.api) {
    case "otc-rds":
      return (await import("@backup-links/otc-rds")).createOtcRdsClient(huawei);
    case "huaweicloud-rds":
      return (await import("@backup-links/huaweicloud-rds")).createHuaweiCloudRdsClient(huawei);
    case "otc-dds":
      return (await import("@backup-links/otc-dds")).createOtcDdsClient(huawei);
    case "huaweicloud-dds":
      return (await import("@backup-links/huaweicloud-dds")).createHuaweiCloudDdsClient(huawei);
    case "otc-dcs":
      return (await import("@backup-links/otc-dcs")).createOtcDcsClient(huawei);
    case "huaweicloud-dcs":
      return (await import("@backup-links/huaweicloud-dcs")).createHuaweiCloudDcsClient(huawei);
    case "jdcloud-rds":
      return (await import("@backup-links/jdcloud-rds")).createJdCloudRdsClient({
        ...common,
        // resolveRequest checked the region; the client checks it against JD's list again.
        region: request.region as JdCloudRegion,
        credentials: request.credentials as AccessKeyCredentials,
      });
  }
}

/** The per-call options of every client call. */
export function callOptions(request: ResolvedRequest): { signal?: AbortSignal } {
  return request.signal === undefined ? {} : { signal: request.signal };
}

/**
 * Sends the one download-link request of the chosen API and returns the client's result as is; normalize.ts
 * reads the documented fields from it.
 */
export async function callApi(request: ResolvedRequest): Promise<unknown> {
  const client = await createApiClient(request);
  const { backupId, instanceId, expiration, fileName } = request;
  let input: Record<string, unknown>;
  switch (request.description.service) {
    case "dcs":
      input = { instanceId, backupId, expiration };
      break;
    case "dds":
      input = { instanceId, backupId };
      break;
    case "rds":
      input =
        request.api === "jdcloud-rds"
          ? {
              backupId,
              ...(fileName === undefined ? {} : { fileName }),
              ...(expiration === undefined ? {} : { urlExpirationSecond: String(expiration) }),
            }
          : { backupId };
      break;
  }
  return client.getBackupDownloadLinks(input as never, callOptions(request));
}
