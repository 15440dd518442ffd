import type { Credentials, Environment, FetchLike } from "@backup-links/core";
import type { FileLink } from "../download/events.js";
import type { ApiId } from "@backup-links/core";

export type { FileLink, FetchLike };

export interface GetBackupLinksOptions {
  /** Which API: `otc-rds`, `huaweicloud-rds`, `otc-dds`, `huaweicloud-dds`, `huaweicloud-dcs`, `otc-dcs`, `jdcloud-rds`. */
  api: ApiId;
  /** Region id (`eu-de`, `ap-southeast-1`, `cn-north-1`...). Default: the vendor's region variable, if set. */
  region?: string | undefined;
  /** An explicit base URL (a mock, a proxy, a private endpoint) instead of the region's public one. */
  endpoint?: string | undefined;
  /** Huawei Cloud and OTC only. Default: the vendor's project variable (`OS_PROJECT_ID`, `HUAWEICLOUD_SDK_PROJECT_ID`...). */
  projectId?: string | undefined;
  backupId: string;
  /** DDS and DCS only (required there). */
  instanceId?: string | undefined;
  /** Link lifetime in seconds. DCS: 300..86400, default 1800 (the vendors' example). JD Cloud: 1..86400, default the server's. Others: not accepted. */
  expiration?: number | undefined;
  /** JD Cloud only: the file of a SQL Server backup (e.g. `my_db.bak`). */
  fileName?: string | undefined;
  /** Default: from the environment by the vendor's conventions (see README). */
  credentials?: Credentials | undefined;
  /** The `fetch` for the API call (tests, tracing, a proxy agent). Default: a small node:http one. Downloads do not use it. */
  fetch?: FetchLike | undefined;
  /** Aborts the API call (and its retry waits). */
  signal?: AbortSignal | undefined;
  /** Where environment defaults come from. Default `process.env`. */
  env?: Environment | undefined;
}

/** Every API's answer in one shape. */
export interface BackupLinks {
  api: ApiId;
  files: FileLink[];
  /** Things worth telling the user (a short validity, a backup that cannot be downloaded yet). */
  notes: string[];
}
