import { createHuaweiCloudDcsClient } from "@backup-links/huaweicloud-dcs";
import { createHuaweiCloudDdsClient } from "@backup-links/huaweicloud-dds";
import { createHuaweiCloudRdsClient } from "@backup-links/huaweicloud-rds";
import { createJdCloudRdsClient, type JdCloudRegion } from "@backup-links/jdcloud-rds";
import { createOtcDcsClient } from "@backup-links/otc-dcs";
import { createOtcDdsClient } from "@backup-links/otc-dds";
import { createOtcRdsClient } from "@backup-links/otc-rds";
import type { AccessKeyCredentials } from "@backup-links/core";
import type { ResolvedRequest } from "./resolve.js";

/**
 * Sends the one request of the chosen API through its client package (signing, retries, typed errors) and
 * returns the client's result as is; normalize.ts reads the documented fields from it. Every default was already
 * resolved, so nothing is read from the environment here (`env: {}`).
 */
export async function callApi(request: ResolvedRequest): Promise<unknown> {
  const common = {
    ...(request.region === undefined ? {} : { region: request.region }),
    ...(request.endpoint === undefined ? {} : { baseUrl: request.endpoint }),
    ...(request.fetch === undefined ? {} : { fetch: request.fetch }),
    credentials: request.credentials,
    env: {},
  };
  const huawei = { ...common, projectId: request.projectId! };
  const { backupId } = request;
  const call = request.signal === undefined ? {} : { signal: request.signal };
  const instanceId = request.instanceId!;
  switch (request.api) {
    case "otc-rds":
      return createOtcRdsClient(huawei).getBackupDownloadLinks({ backupId }, call);
    case "huaweicloud-rds":
      return createHuaweiCloudRdsClient(huawei).getBackupDownloadLinks({ backupId }, call);
    case "otc-dds":
      return createOtcDdsClient(huawei).getBackupDownloadLinks({ instanceId, backupId }, call);
    case "huaweicloud-dds":
      return createHuaweiCloudDdsClient(huawei).getBackupDownloadLinks({ instanceId, backupId }, call);
    case "otc-dcs":
      return createOtcDcsClient(huawei).getBackupDownloadLinks({ instanceId, backupId, expiration: request.expiration! }, call);
    case "huaweicloud-dcs":
      return createHuaweiCloudDcsClient(huawei).getBackupDownloadLinks({ instanceId, backupId, expiration: request.expiration! }, call);
    case "jdcloud-rds":
      return createJdCloudRdsClient({
        ...common,
        // resolveRequest checked the region (the client checks it against JD's list again).
        region: request.region as JdCloudRegion,
        credentials: request.credentials as AccessKeyCredentials,
      }).getBackupDownloadLinks({
        backupId,
        ...(request.fileName === undefined ? {} : { fileName: request.fileName }),
        ...(request.expiration === undefined ? {} : { urlExpirationSecond: String(request.expiration) }),
      }, call);
  }
}
