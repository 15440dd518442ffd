/**
 * How each vendor writes a backup in its list answer (times, units, vocabularies), from the vendors' documents and
 * examples: RDS times `2018-08-06T12:41:14+0800` and sizes in KB; DDS times `2018-08-06 12:41:14` (UTC, no zone),
 * type `Auto`/`Manual` (Huawei, as its live API answers) or `auto` (the OTC example), size in KB; DCS RFC 3339 times
 * with milliseconds, status words `succeed`/`backuping`/`expired`, sizes in bytes, `period`/`error_code` as `{}`;
 * JD times `2020-01-07T15:14:07` without a zone (rendered in Beijing time, UTC+8) and sizes in bytes.
 */
import type { ApiId } from "@backup-links/core";
import type { MockBackup, MockBackupKind, MockBackupStatus } from "./state.js";

const HOUR = 3_600_000;

const pad = (n: number): string => String(n).padStart(2, "0");

/** `YYYY-MM-DD?HH:mm:ss` of `date` shifted by `offsetHours`. */
function wallClock(date: Date, offsetHours: number, separator: string): string {
  const d = new Date(date.getTime() + offsetHours * HOUR);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${separator}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export const rdsTime = (date: Date): string => `${wallClock(date, 8, "T")}+0800`;
export const ddsTime = (date: Date): string => wallClock(date, 0, " ");
export const dcsTime = (date: Date): string => date.toISOString();
export const jdTime = (date: Date): string => wallClock(date, 8, "T");

/** Total size of a backup in KB as RDS/DDS report it (rounded to the nearest KB). */
const kilobytes = (backup: MockBackup): number => Math.round(backup.files.reduce((sum, file) => sum + file.size, 0) / 1024);
const bytes = (backup: MockBackup): number => backup.files.reduce((sum, file) => sum + file.size, 0);

const RDS_STATUS: Record<MockBackupStatus, string> = { completed: "COMPLETED", running: "BUILDING", failed: "FAILED", expired: "DELETING" };
const DCS_STATUS: Record<MockBackupStatus, string> = { completed: "succeed", running: "backuping", failed: "failed", expired: "expired" };
const JD_STATUS: Record<MockBackupStatus, string> = { completed: "COMPLETED", running: "BUILDING", failed: "ERROR", expired: "DELETING" };

function ddsType(api: ApiId, kind: MockBackupKind): string {
  const word = kind === "incremental" ? "Incremental" : kind === "manual" ? "Manual" : "Auto";
  return api === "otc-dds" ? word.toLowerCase() : word;
}

const time = (iso: string | undefined): Date | undefined => (iso === undefined ? undefined : new Date(iso));

/** One list item in the API's own words. */
export function renderListItem(api: ApiId, backup: MockBackup, instanceName: string): Record<string, unknown> {
  const started = new Date(backup.startedAt);
  const finished = time(backup.finishedAt);
  switch (api) {
    case "otc-rds":
    case "huaweicloud-rds":
      return {
        id: backup.id,
        instance_id: backup.instanceId,
        name: backup.name,
        type: backup.kind,
        size: kilobytes(backup),
        status: RDS_STATUS[backup.status],
        begin_time: rdsTime(started),
        // The vendors always send end_time; a running backup's is its start time.
        end_time: rdsTime(finished ?? started),
        datastore: { type: "MySQL", version: "8.0" },
      };
    case "otc-dds":
    case "huaweicloud-dds":
      return {
        id: backup.id,
        name: backup.name,
        instance_id: backup.instanceId,
        instance_name: instanceName,
        datastore: { type: "DDS-Community", version: "4.4" },
        type: ddsType(api, backup.kind),
        begin_time: ddsTime(started),
        end_time: ddsTime(finished ?? started),
        status: RDS_STATUS[backup.status],
        size: kilobytes(backup),
        description: "",
      };
    case "otc-dcs":
    case "huaweicloud-dcs":
      return {
        period: {},
        backup_type: backup.kind === "manual" ? "manual" : "auto",
        created_at: dcsTime(started),
        remark: "",
        is_support_restore: backup.status === "completed" ? "TRUE" : "FALSE",
        backup_id: backup.id,
        backup_name: `backup_${wallClock(started, 8, "").replace(/[-:]/g, "")}`,
        instance_id: backup.instanceId,
        size: backup.status === "completed" ? bytes(backup) : 0,
        updated_at: dcsTime(finished ?? started),
        progress: backup.status === "completed" ? "100.00" : "0.00",
        error_code: backup.status === "failed" ? "dcs.08.0002" : {},
        status: DCS_STATUS[backup.status],
        execution_at: dcsTime(started),
        backup_format: "rdb",
      };
    case "jdcloud-rds":
      return {
        backupId: backup.id,
        backupName: backup.name,
        instanceId: backup.instanceId,
        instanceName,
        backupStatus: JD_STATUS[backup.status],
        backupStartTime: jdTime(started),
        ...(finished === undefined ? {} : { backupEndTime: jdTime(finished) }),
        backupMode: backup.kind === "manual" ? "manual" : "auto",
        backupMethod: "physical",
        backupSizeByte: bytes(backup),
        engine: "MySQL",
      };
  }
}
