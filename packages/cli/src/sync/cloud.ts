/**
 * Everything sync asks of the cloud, in one place: list an instance's backups, find its latest, get a backup's
 * links, through the cross-provider layer (`listBackups`, `findLatestBackup`, `getBackupLinks`). Sync codes against
 * this interface only, so a test or another source can stand in for the cloud.
 */
import type { ApiId, Credentials, Environment, FetchLike } from "@backup-links/core";
import { findLatestBackup } from "../backups/find-latest.js";
import { listBackups } from "../backups/list-backups.js";
import type { BackupRecord } from "../backups/types.js";
import { getBackupLinks } from "../links/get-backup-links.js";
import type { BackupLinks } from "../links/types.js";

export type { BackupRecord };
/** What every call needs: where, who, and how to stop. */
export interface CloudAccess {
  api: ApiId;
  region: string | undefined;
  endpoint: string | undefined;
  projectId: string | undefined;
  credentials: Credentials;
  env: Environment;
  fetch?: FetchLike | undefined;
  signal?: AbortSignal | undefined;
}

export interface SyncCloud {
  /** Every backup of an instance (all pages), any order. */
  listBackups(access: CloudAccess, instanceId: string): Promise<BackupRecord[]>;
  /** The newest completed, downloadable backup of a type; throws (saying what it saw) when there is none. */
  findLatestBackup(access: CloudAccess, instanceId: string, type: "full" | "incremental" | "differential"): Promise<BackupRecord>;
  /** Fresh download links of one backup. */
  getBackupLinks(access: CloudAccess, backup: BackupRecord): Promise<BackupLinks>;
}

/** Where and who, as every cross-provider call takes it. */
function connection(access: CloudAccess) {
  return {
    api: access.api,
    region: access.region,
    endpoint: access.endpoint,
    projectId: access.projectId,
    credentials: access.credentials,
    env: access.env,
    fetch: access.fetch,
    signal: access.signal,
  };
}

/** The seven APIs through backup-links' own clients. */
export const defaultCloud: SyncCloud = {
  listBackups: (access, instanceId) => listBackups({ ...connection(access), instanceId }),
  findLatestBackup: (access, instanceId, type) => findLatestBackup({ ...connection(access), instanceId, type }),
  getBackupLinks: (access, backup) =>
    getBackupLinks({
      ...connection(access),
      backupId: backup.id,
      // DDS and DCS name the instance in the request; RDS and JD do not accept it.
      ...(access.api.endsWith("-dds") || access.api.endsWith("-dcs") ? { instanceId: backup.instanceId } : {}),
    }),
};
