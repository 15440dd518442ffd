/**
 * Everything sync asks of the cloud, in one place: list an instance's backups, find its latest, get a backup's
 * links. Sync codes against this interface only, so the listing (issue "Find the backups") plugs in here.
 */
import type { ApiId, Credentials, Environment, FetchLike } from "@backup-links/core";
import { getBackupLinks } from "../links/get-backup-links.js";
import type { BackupLinks } from "../links/types.js";
import { interimFindLatestBackup, interimListBackups } from "./interim-list.js";

/** The provider-neutral backup record (the shape `listBackups` returns). */
export interface BackupRecord {
  api: ApiId;
  id: string;
  instanceId: string;
  name: string;
  type: "full" | "incremental" | "differential" | "unknown";
  status: "completed" | "running" | "failed" | "deleting" | "gone" | "retained" | "unknown";
  startedAt?: Date | undefined;
  finishedAt?: Date | undefined;
  sizeBytes?: number | undefined;
  engine?: string | undefined;
  downloadable: boolean;
  files?: string[] | undefined;
  raw: Record<string, unknown>;
}

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

/** The seven APIs through backup-links' own clients. */
export const defaultCloud: SyncCloud = {
  listBackups: (access, instanceId) => interimListBackups(access, instanceId),
  findLatestBackup: (access, instanceId, type) => interimFindLatestBackup(access, instanceId, type),
  getBackupLinks: (access, backup) =>
    getBackupLinks({
      api: access.api,
      region: access.region,
      endpoint: access.endpoint,
      projectId: access.projectId,
      credentials: access.credentials,
      env: access.env,
      fetch: access.fetch,
      signal: access.signal,
      backupId: backup.id,
      // DDS and DCS name the instance in the request; RDS and JD do not accept it.
      ...(access.api.endsWith("-dds") || access.api.endsWith("-dcs") ? { instanceId: backup.instanceId } : {}),
    }),
};
