import type { Credentials, Environment, FetchLike } from "@backup-links/core";
import type { FileLink } from "../download/events.js";
import type { ApiId } from "@backup-links/core";
import type { BackupRecord, BackupType } from "../backups/types.js";

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
  /** The backup (required unless `latest`). */
  backupId?: string | undefined;
  /** DDS and DCS: required. With `latest`: required for every API. Otherwise not taken. */
  instanceId?: string | undefined;
  /**
   * Instead of `backupId`: the newest completed, downloadable backup of `instanceId` (of `type`, default full), as
   * `findLatestBackup` picks it. JD Cloud SQL Server: the links of every file of that backup.
   */
  latest?: boolean | undefined;
  /** With `latest`: the type of backup wanted (default `full`). */
  type?: Exclude<BackupType, "unknown"> | undefined;
  /** With `latest`: called with the backup picked, before its links are asked for (the CLI prints it). */
  onBackupPicked?: ((backup: BackupRecord) => void) | undefined;
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
  /** Open Telekom Cloud: the `clouds.yaml` entry to read (default: `OS_CLOUD`). */
  osCloud?: string | undefined;
  /** The home directory whose vendor files are read (`~/.huaweicloud`, `~/.config/openstack`, `~/.jdc`). Default: `HOME` of `env`, else the user's. */
  home?: string | undefined;
}

/** Every API's answer in one shape. */
export interface BackupLinks {
  api: ApiId;
  files: FileLink[];
  /** Things worth telling the user (a short validity, a backup that cannot be downloaded yet). */
  notes: string[];
  /** With `latest`: the backup that was picked. */
  backup?: BackupRecord | undefined;
}
