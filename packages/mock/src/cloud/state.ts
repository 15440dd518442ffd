import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { API_IDS, type ApiId } from "@backup-links/core";

/** A backup's state in vendor-neutral words; each API renders it in its own vocabulary (formats.ts). */
export type MockBackupStatus = "completed" | "running" | "failed" | "expired";
/** `auto`/`manual` are full backups (RDS, DDS, DCS, JD); `incremental` exists on RDS and Huawei DDS. */
export type MockBackupKind = "auto" | "manual" | "incremental";

export interface MockFile {
  /** The file name the API reports. */
  name: string;
  /** The object key in the mock object store (bucket/key). */
  key: string;
  size: number;
}

export interface MockBackup {
  id: string;
  instanceId: string;
  name: string;
  kind: MockBackupKind;
  status: MockBackupStatus;
  /** ISO 8601, UTC. */
  startedAt: string;
  finishedAt: string | undefined;
  files: MockFile[];
}

/** What an instance is for in the seeded world. */
export type InstanceRole = "main" | "failedOnly" | "empty";

export interface MockInstance {
  api: ApiId;
  id: string;
  name: string;
  role: InstanceRole;
  backups: MockBackup[];
}

/** Everything the mock cloud knows; saved as JSON with `--state FILE`. */
export interface CloudState {
  version: 1;
  seed: string;
  /** Huawei Cloud / OTC project id every instance belongs to. */
  projectId: string;
  /** Base size of every generated file (each file adds up to 4 KiB, so sizes differ and are not KiB multiples). */
  fileSize: number;
  /** Backups created so far (ids of added backups derive from it). */
  created: number;
  instances: MockInstance[];
}

export interface AddBackupInput {
  api: ApiId;
  /** Default: the API's main instance. */
  instanceId?: string | undefined;
  kind?: MockBackupKind | undefined;
  status?: MockBackupStatus | undefined;
  /** Default: 3 minutes before now (a backup that has just finished). */
  startedAt?: Date | undefined;
}

const HOUR = 3_600_000;

/** Hex digest of the seed and a label: every id, name and size in the world derives from one. */
export function seeded(seed: string, label: string): string {
  return createHash("sha256").update(`${seed}\0${label}`).digest("hex");
}

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `20261202031500`: the stamp vendors put in file names (UTC+8 for DCS and JD, as their examples show). */
export function compactStamp(date: Date, offsetHours = 0): string {
  return new Date(date.getTime() + offsetHours * HOUR).toISOString().slice(0, 19).replace(/[-:T]/g, "");
}

/** Ids in each vendor's documented shape. */
function instanceId(api: ApiId, seed: string, role: InstanceRole): string {
  const hex = seeded(seed, `${api}/instance/${role}`);
  if (api.endsWith("-rds") && api !== "jdcloud-rds") return `${hex.slice(0, 32)}in01`;
  if (api.endsWith("-dds")) return `${hex.slice(0, 32)}in02`;
  if (api.endsWith("-dcs")) return uuid(hex);
  return `mysql-${BigInt(`0x${hex.slice(0, 16)}`).toString(36).slice(0, 10)}`;
}

function backupId(api: ApiId, seed: string, label: string): string {
  const hex = seeded(seed, `${api}/backup/${label}`);
  if (api.endsWith("-rds") && api !== "jdcloud-rds") return `${hex.slice(0, 32)}br01`;
  if (api.endsWith("-dds")) return `${hex.slice(0, 32)}br02`;
  return uuid(hex);
}

/** The files of a backup, named the way each service names them (RDS MySQL `.qp`, DDS one archive per replica set, DCS `.rdb`, JD `.xbstream`). */
function backupFiles(state: Pick<CloudState, "seed" | "fileSize">, api: ApiId, instance: MockInstance, id: string, started: Date): MockFile[] {
  const sized = (name: string, key: string): MockFile => {
    const extra = parseInt(seeded(state.seed, `size/${key}`).slice(0, 8), 16) % 4096;
    return { name, key, size: state.fileSize + extra };
  };
  const bucket = `backup-${api}`;
  const stamp = compactStamp(started);
  if (api === "jdcloud-rds") return [sized(`${id}.xbstream`, `${bucket}/${instance.id}/${id}.xbstream`)];
  if (api.endsWith("-dcs")) {
    const name = `redis_192.168.0.10_6379_${compactStamp(started, 8)}.rdb`;
    return [sized(name, `${bucket}/${instance.id}/${id}/${name}`)];
  }
  if (api.endsWith("-dds")) {
    return ["rs-1", "rs-2"].map((group) => sized(`${id}_${group}.tar.gz`, `${bucket}/${id}/${group}.tar.gz`));
  }
  return [sized(`${instance.name}_${stamp}_${id.slice(0, 8)}.qp`, `${bucket}/${id}/full.qp`)];
}

function makeBackup(
  state: Pick<CloudState, "seed" | "fileSize">,
  instance: MockInstance,
  label: string,
  kind: MockBackupKind,
  status: MockBackupStatus,
  started: Date,
): MockBackup {
  const id = backupId(instance.api, state.seed, label);
  const finished = status === "running" ? undefined : new Date(started.getTime() + 2 * 60_000 + (parseInt(id.slice(0, 4), 16) % 60) * 1000);
  return {
    id,
    instanceId: instance.id,
    name: `${kind}-${compactStamp(started)}`,
    kind,
    status,
    startedAt: started.toISOString(),
    finishedAt: finished?.toISOString(),
    files: backupFiles(state, instance.api, instance, id, started),
  };
}

/**
 * The seeded world: for every API a `main` instance with backups of different types, states and times (three
 * days of nightly full backups, one of them failed, a manual full backup, an incremental where the service has
 * them, and one still running), a `failedOnly` instance whose backups all failed or run, and an `empty` one.
 * Times are relative to `anchor` (default: now, to the minute).
 */
export function createState(options: { seed: string; fileSize: number; anchor: Date }): CloudState {
  const { seed, fileSize } = options;
  const anchor = Math.floor(options.anchor.getTime() / 60_000) * 60_000;
  const at = (hoursAgo: number): Date => new Date(anchor - hoursAgo * HOUR);
  const state: CloudState = {
    version: 1,
    seed,
    projectId: seeded(seed, "project").slice(0, 32),
    fileSize,
    created: 0,
    instances: [],
  };
  for (const api of API_IDS) {
    const roles: InstanceRole[] = ["main", "failedOnly", "empty"];
    for (const role of roles) {
      const instance: MockInstance = { api, id: instanceId(api, seed, role), name: `${role.toLowerCase()}-${api}`, role, backups: [] };
      const add = (label: string, kind: MockBackupKind, status: MockBackupStatus, hoursAgo: number): void => {
        instance.backups.push(makeBackup(state, instance, `${role}/${label}`, kind, status, at(hoursAgo)));
      };
      const incremental = api.endsWith("-rds") && api !== "jdcloud-rds";
      if (role === "main") {
        add("night-3", "auto", "completed", 72);
        add("night-2", "auto", "completed", 48);
        if (incremental) add("incr-2", "incremental", "completed", 40);
        add("night-1", "auto", "failed", 24);
        add("manual-1", "manual", "completed", 20);
        add("running", "auto", "running", 0.5);
      } else if (role === "failedOnly") {
        add("night-2", "auto", "failed", 48);
        add("night-1", "auto", "failed", 24);
        add("running", "manual", "running", 0.5);
      }
      state.instances.push(instance);
    }
  }
  return state;
}

/** Adds a backup (tonight's) to an instance; returns it. */
export function addBackup(state: CloudState, input: AddBackupInput, now: number): MockBackup {
  const instance =
    input.instanceId === undefined
      ? state.instances.find((candidate) => candidate.api === input.api && candidate.role === "main")
      : state.instances.find((candidate) => candidate.api === input.api && candidate.id === input.instanceId);
  if (instance === undefined) throw new Error(`no ${input.api} instance ${input.instanceId ?? "(main)"}`);
  state.created++;
  const started = input.startedAt ?? new Date(now - 3 * 60_000);
  const backup = makeBackup(state, instance, `added/${state.created}`, input.kind ?? "auto", input.status ?? "completed", started);
  instance.backups.push(backup);
  return backup;
}

/** Marks completed backups that started before `before` as expired (deleted from the store); returns their ids. */
export function expireBackups(state: CloudState, filter: { api?: ApiId | undefined; instanceId?: string | undefined; before: Date }): string[] {
  const expired: string[] = [];
  for (const instance of state.instances) {
    if (filter.api !== undefined && instance.api !== filter.api) continue;
    if (filter.instanceId !== undefined && instance.id !== filter.instanceId) continue;
    for (const backup of instance.backups) {
      if (backup.status === "completed" && Date.parse(backup.startedAt) < filter.before.getTime()) {
        backup.status = "expired";
        expired.push(backup.id);
      }
    }
  }
  return expired;
}

export function loadState(file: string): CloudState {
  const state = JSON.parse(readFileSync(file, "utf8")) as CloudState;
  if (state.version !== 1 || !Array.isArray(state.instances)) throw new Error(`${file}: not a mock cloud state file (version 1)`);
  return state;
}

/** Writes the state atomically (temporary file, then rename), so a crash never leaves half a file. */
export function saveState(file: string, state: CloudState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}
