import type { AccessKeyCredentials } from "@backup-links/core";
import type { JdCloudRegion } from "@backup-links/jdcloud-rds";
import { nodeFetch } from "./node-fetch.js";
import type { ResolvedRequest } from "./resolve.js";

/**
 * Sends the one request of the chosen API through its client package (signing, retries, typed errors) and
 * returns the client's result as is; normalize.ts reads the documented fields from it. Only the chosen client is
 * loaded (a dynamic import), which keeps the command's start-up short; requests go through node:http unless a
 * `fetch` is given (see node-fetch.ts). Every default was already resolved, so
 * nothing is read from the environment here (`env: {}`).
 */
export async function callApi(request: ResolvedRequest): Promise<unknown> {
  const common = {
    ...(request.region === undefined ? {} : { region: request.region }),
    ...(request.endpoint === undefined ? {} : { baseUrl: request.endpoint }),
    fetch: request.fetch ?? nodeFetch,
    credentials: request.credentials,
    env: {},
  };
  const huawei = { ...common, projectId: request.projectId! };
  const { backupId } = request;
  const instanceId = request.instanceId!;
  const expiration = request.expiration!;
  const call = request.signal === undefined ? {} : { signal: request.signal };
  switch (request.api) {
    case "otc-rds": {
      const { createOtcRdsClient } = await import("@backup-links/otc-rds");
      return createOtcRdsClient(huawei).getBackupDownloadLinks({ backupId }, call);
    }
    case "huaweicloud-rds": {
      const { createHuaweiCloudRdsClient } = await import("@backup-links/huaweicloud-rds");
      return createHuaweiCloudRdsClient(huawei).getBackupDownloadLinks({ backupId }, call);
    }
    case "otc-dds": {
      const { createOtcDdsClient } = await import("@backup-links/otc-dds");
      return createOtcDdsClient(huawei).getBackupDownloadLinks({ instanceId, backupId }, call);
    }
    case "huaweicloud-dds": {
      const { createHuaweiCloudDdsClient } = await import("@backup-links/huaweicloud-dds");
      return createHuaweiCloudDdsClient(huawei).getBackupDownloadLinks({ instanceId, backupId }, call);
    }
    case "otc-dcs": {
      const { createOtcDcsClient } = await import("@backup-links/otc-dcs");
      return createOtcDcsClient(huawei).getBackupDownloadLinks({ instanceId, backupId, expiration }, call);
    }
    case "huaweicloud-dcs": {
      const { createHuaweiCloudDcsClient } = await import("@backup-links/huaweicloud-dcs");
      return createHuaweiCloudDcsClient(huawei).getBackupDownloadLinks({ instanceId, backupId, expiration }, call);
    }
    case "jdcloud-rds": {
      const { createJdCloudRdsClient } = await import("@backup-links/jdcloud-rds");
      const client = createJdCloudRdsClient({
        ...common,
        // resolveRequest checked the region; the client checks it against JD's list again.
        region: request.region as JdCloudRegion,
        credentials: request.credentials as AccessKeyCredentials,
      });
      return client.getBackupDownloadLinks(
        {
          backupId,
          ...(request.fileName === undefined ? {} : { fileName: request.fileName }),
          ...(request.expiration === undefined ? {} : { urlExpirationSecond: String(request.expiration) }),
        },
        call,
      );
    }
  }
}
