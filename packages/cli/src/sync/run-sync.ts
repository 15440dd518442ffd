import { promises as fs } from "node:fs";
import path from "node:path";
import type { Environment, FetchLike } from "@backup-links/core";
import { downloadBackup } from "../download/download-backup.js";
import { PART_SUFFIX, SIDECAR_SUFFIX } from "../download/safe-name.js";
import { defaultCloud, type BackupRecord, type CloudAccess, type SyncCloud } from "./cloud.js";
import { instanceDirectory, portableName, type SyncConfig, type SyncTarget } from "./config.js";
import { targetCredentials } from "./credentials.js";
import { acquireLock } from "./lock.js";
import { MANIFEST_FILE, newManifest, readManifest, sha256File, verifyCopy, verifyUnfinishedCopy, writeManifest, type CopyProblem, type ManifestFile } from "./manifest.js";
import { planRetention, type CopyOnDisk } from "./retention.js";

export interface SyncOptions {
  config: SyncConfig;
  /** Print the plan (copy, skip, prune) and touch nothing. */
  dryRun: boolean;
  env: Environment;
  /** Aborted on SIGINT/SIGTERM: downloads stop, partial files stay for the next run, no manifest is written. */
  signal?: AbortSignal | undefined;
  /** For the API calls (tests); downloads use the engine's own HTTP client. */
  fetch?: FetchLike | undefined;
  now?: (() => number) | undefined;
  cloud?: SyncCloud | undefined;
  /** One human-readable line per step (sent to stderr by the command). */
  onProgress?: ((line: string) => void) | undefined;
}

export type BackupAction = "copied" | "skipped" | "failed" | "interrupted" | "would copy" | "would re-copy";

export interface BackupReport {
  id: string;
  type: string;
  startedAt: string | null;
  action: BackupAction;
  /** Bytes downloaded (copied), or the copy's size (skipped). */
  bytes: number;
  /** The copy's directory. */
  path: string;
  reason?: string | undefined;
}

export interface PrunedCopy {
  backupId: string;
  startedAt: string | null;
  path: string;
}

export type TargetStatus = "copied" | "up to date" | "failed" | "interrupted" | "planned";

export interface TargetReport {
  target: string;
  api: string;
  instanceId: string;
  status: TargetStatus;
  reason?: string | undefined;
  backups: BackupReport[];
  /** Copies deleted by retention (with --dry-run: that would be deleted). */
  pruned: PrunedCopy[];
  bytes: number;
  durationMs: number;
}

export interface SyncReport {
  ok: boolean;
  dryRun: boolean;
  interrupted: boolean;
  config: string;
  startedAt: string;
  durationMs: number;
  targets: TargetReport[];
}

/** `20261202T031500Z`: a backup's start in UTC, the first part of its directory name. */
export function utcStamp(date: Date | undefined): string {
  return date === undefined ? "undated" : date.toISOString().slice(0, 19).replace(/[-:]/g, "") + "Z";
}

/** `<destination>/<api>/<instance>/<started, UTC>_<backup id>` */
export function copyDirectory(target: SyncTarget, backup: BackupRecord): string {
  return path.join(instanceDirectory(target.destination, target.api, backup.instanceId), `${utcStamp(backup.startedAt)}_${portableName(backup.id)}`);
}

/** Runs `tasks` with at most `limit` at once, in order of start. */
async function pool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}

/**
 * `backup-links sync`: for every target and instance, list the backups, choose (latest of a type, or every one
 * since a date / within the last days), copy each one not yet copied intact (links, the download engine with
 * fsync and atomic rename, SHA-256 of every file, `backup.json` written last), then prune old copies. Targets run
 * `config.concurrency` at a time; one failing does not stop the others. Each destination is locked for the run.
 */
export async function runSync(options: SyncOptions): Promise<SyncReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const jobs = options.config.targets.flatMap((target) => target.instances.map((instanceId) => ({ target, instanceId })));
  const reports = new Map<(typeof jobs)[number], TargetReport>();

  // Lock each destination once (sorted, so two runs never wait on each other in opposite orders).
  const lockFailures = new Map<string, string>();
  const releases: Array<() => Promise<void>> = [];
  if (!options.dryRun) {
    for (const destination of [...new Set(options.config.targets.map((target) => target.destination))].sort()) {
      const lock = await acquireLock(destination, now);
      if (lock.acquired) {
        releases.push(lock.release);
        if (lock.tookOverFrom) {
          options.onProgress?.(`${destination}: took over a stale lock of PID ${lock.tookOverFrom.pid} (${lock.tookOverFrom.hostname}), which is no longer running`);
        }
      } else lockFailures.set(destination, lock.reason);
    }
  }
  try {
    await pool(jobs, options.config.concurrency, async (job) => {
      const jobStarted = now();
      const report: TargetReport = {
        target: job.target.name,
        api: job.target.api,
        instanceId: job.instanceId,
        status: "failed",
        backups: [],
        pruned: [],
        bytes: 0,
        durationMs: 0,
      };
      reports.set(job, report);
      const lockFailure = lockFailures.get(job.target.destination);
      if (options.signal?.aborted) {
        report.status = "interrupted";
        report.reason = "stopped before it started";
      } else if (lockFailure !== undefined) {
        report.reason = lockFailure;
      } else {
        try {
          await syncInstance(job.target, job.instanceId, report, options);
        } catch (error) {
          report.status = options.signal?.aborted ? "interrupted" : "failed";
          report.reason = errorText(error);
        }
      }
      report.durationMs = now() - jobStarted;
      options.onProgress?.(progressLine(report));
    });
  } finally {
    for (const release of releases) await release().catch(() => undefined);
  }
  const targets = jobs.map((job) => reports.get(job)!);
  const interrupted = targets.some((target) => target.status === "interrupted");
  return {
    ok: targets.every((target) => target.status !== "failed" && target.status !== "interrupted"),
    dryRun: options.dryRun,
    interrupted,
    config: options.config.file,
    startedAt: new Date(started).toISOString(),
    durationMs: now() - started,
    targets,
  };
}

function progressLine(report: TargetReport): string {
  const label = `${report.target} ${report.api} ${report.instanceId}`;
  return report.reason === undefined ? `${label}: ${report.status}` : `${label}: ${report.status}: ${report.reason}`;
}

/** Error messages from our own errors never carry links or secrets; CredentialsError names the variables. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Which backups a target wants, oldest first. */
async function chooseBackups(target: SyncTarget, instanceId: string, access: CloudAccess, cloud: SyncCloud, now: number): Promise<BackupRecord[]> {
  const { select } = target;
  if ("latest" in select) return [await cloud.findLatestBackup(access, instanceId, select.latest)];
  const cutoff = "since" in select ? select.since : new Date(now - select.lastDays * 86_400_000);
  const records = await cloud.listBackups(access, instanceId);
  const chosen = records
    .filter((record) => record.status === "completed" && record.downloadable)
    .filter((record) => select.type === undefined || record.type === select.type)
    .filter((record) => record.startedAt !== undefined && record.startedAt >= cutoff)
    .sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime() || (a.id < b.id ? -1 : 1));
  if (chosen.length === 0) {
    const kind = select.type === undefined ? "" : ` ${select.type}`;
    throw new Error(`no downloadable${kind} backup of instance ${instanceId} started since ${cutoff.toISOString()} (${records.length} listed)`);
  }
  return chosen;
}

async function syncInstance(target: SyncTarget, instanceId: string, report: TargetReport, options: SyncOptions): Promise<void> {
  const cloud = options.cloud ?? defaultCloud;
  const now = options.now ?? Date.now;
  const { credentials, projectId } = targetCredentials(target, options.env);
  const access: CloudAccess = {
    api: target.api,
    region: target.region,
    endpoint: target.endpoint,
    projectId,
    credentials,
    env: options.env,
    fetch: options.fetch,
    signal: options.signal,
  };
  const chosen = await chooseBackups(target, instanceId, access, cloud, now());
  const made = new Set<string>();
  for (const backup of chosen) {
    if (options.signal?.aborted) {
      report.backups.push(backupReport(target, backup, "interrupted", 0, "stopped before it started"));
      continue;
    }
    const outcome = await syncBackup(target, backup, access, cloud, options);
    report.backups.push(outcome);
    report.bytes += outcome.action === "copied" ? outcome.bytes : 0;
    if (outcome.action === "copied" || outcome.action === "would copy" || outcome.action === "would re-copy") made.add(outcome.path);
  }
  const actions = report.backups.map((backup) => backup.action);
  if (actions.includes("interrupted")) {
    report.status = "interrupted";
    report.reason = "stopped; partial files are kept and the next run resumes";
    return;
  }
  if (actions.includes("failed")) {
    report.status = "failed";
    report.reason = report.backups.find((backup) => backup.action === "failed")!.reason;
    // Old copies stay when the new one failed: they may be the only good ones.
    return;
  }
  report.pruned = await prune(target, instanceId, chosen, made, options.dryRun);
  report.status = options.dryRun ? "planned" : actions.includes("copied") ? "copied" : "up to date";
}

function backupReport(target: SyncTarget, backup: BackupRecord, action: BackupAction, bytes: number, reason?: string): BackupReport {
  return {
    id: backup.id,
    type: backup.type,
    startedAt: backup.startedAt?.toISOString() ?? null,
    action,
    bytes,
    path: copyDirectory(target, backup),
    ...(reason === undefined ? {} : { reason }),
  };
}

/** Copies one backup unless an intact copy is already there. */
async function syncBackup(target: SyncTarget, backup: BackupRecord, access: CloudAccess, cloud: SyncCloud, options: SyncOptions): Promise<BackupReport> {
  const directory = copyDirectory(target, backup);
  const manifest = await readManifest(directory);
  let damaged: CopyProblem[] = [];
  const finished = manifest !== undefined && manifest.backup.id === backup.id;
  if (finished) {
    damaged = await verifyCopy(directory, manifest);
    const size = manifest.files.reduce((sum, file) => sum + file.sizeBytes, 0);
    if (damaged.length === 0) return backupReport(target, backup, "skipped", size, `copied ${manifest.copiedAt}; every file matches its SHA-256`);
  } else {
    damaged = await verifyUnfinishedCopy(directory);
  }
  const damage = damaged.map((file) => `${file.path}: ${file.problem}`).join("; ");
  if (options.dryRun) {
    const differs = finished ? "the copy differs from its manifest" : "an unfinished copy differs from its checksum files";
    return damaged.length > 0 ? backupReport(target, backup, "would re-copy", 0, `${differs} (${damage})`) : backupReport(target, backup, "would copy", 0);
  }
  options.onProgress?.(`${target.name} ${target.api} ${backup.instanceId}: copying backup ${backup.id} (${backup.type}, started ${backup.startedAt?.toISOString() ?? "?"})${damage ? ` again: ${damage}` : ""}`);
  if (damaged.length > 0) {
    // The manifest goes first: a crash from here on leaves an unfinished copy, never a manifest vouching for bad files.
    await fs.rm(path.join(directory, MANIFEST_FILE), { force: true });
    for (const file of damaged) {
      for (const suffix of ["", PART_SUFFIX, SIDECAR_SUFFIX, ".sha256"]) await fs.rm(path.join(directory, file.path + suffix), { force: true });
    }
  }
  await fs.mkdir(directory, { recursive: true });
  const links = await cloud.getBackupLinks(access, backup);
  if (links.files.length === 0) {
    return backupReport(target, backup, "failed", 0, `${target.api} lists no downloadable file for backup ${backup.id}${links.notes.length ? ` (${links.notes.join(" ")})` : ""}`);
  }
  const result = await downloadBackup({
    links,
    getLinks: () => cloud.getBackupLinks(access, backup),
    outDir: directory,
    concurrency: 3,
    fsync: true,
    signal: options.signal,
    now: options.now,
  });
  const bytes = result.files.reduce((sum, file) => sum + ("bytes" in file && file.status === "downloaded" ? file.bytes : 0), 0);
  if (result.interrupted) return backupReport(target, backup, "interrupted", bytes, "stopped; the next run resumes");
  if (!result.ok) {
    const failed = result.files.find((file) => file.status === "failed");
    return backupReport(target, backup, "failed", bytes, failed && "error" in failed ? `${failed.file}: ${failed.error.message}` : "a file failed");
  }
  const files: ManifestFile[] = [];
  for (const file of result.files) {
    if (file.status !== "downloaded" && file.status !== "skipped") continue;
    // The engine reports each file's SHA-256 where it computes one; otherwise it is computed here.
    const sha256 = (file as { sha256?: unknown }).sha256;
    files.push({
      name: file.file,
      path: path.basename(file.path),
      sizeBytes: file.bytes,
      sha256: typeof sha256 === "string" ? sha256 : await sha256File(file.path),
    });
  }
  const total = files.reduce((sum, file) => sum + file.sizeBytes, 0);
  await writeManifest(
    directory,
    newManifest({
      api: target.api,
      instanceId: backup.instanceId,
      target: target.name,
      backup: {
        id: backup.id,
        name: backup.name ?? null,
        type: backup.type,
        startedAt: backup.startedAt?.toISOString() ?? null,
        finishedAt: backup.finishedAt?.toISOString() ?? null,
        sizeBytes: backup.sizeBytes ?? total,
        engine: backup.engine ?? null,
      },
      files,
      copiedAt: new Date((options.now ?? Date.now)()).toISOString(),
    }),
  );
  return backupReport(target, backup, "copied", bytes, damage ? `re-copied: ${damage}` : undefined);
}

/** Deletes (or, dry, lists) the copies beyond `keep`, oldest first; never a copy made (or planned) in this run. */
async function prune(target: SyncTarget, instanceId: string, chosen: BackupRecord[], made: Set<string>, dryRun: boolean): Promise<PrunedCopy[]> {
  const directory = instanceDirectory(target.destination, target.api, instanceId);
  const entries = await fs.readdir(directory, { withFileTypes: true }).catch(() => []);
  const copies: CopyOnDisk[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const full = path.join(directory, entry.name);
    const manifest = await readManifest(full);
    // Only directories sync made (a manifest of ours, for this API and instance) are ever deleted.
    if (manifest === undefined || manifest.api !== target.api || manifest.instanceId !== instanceId) continue;
    copies.push({ path: full, backupId: manifest.backup.id, startedAt: manifest.backup.startedAt });
  }
  if (dryRun) {
    for (const backup of chosen) {
      const planned = copyDirectory(target, backup);
      if (made.has(planned) && !copies.some((copy) => copy.path === planned)) {
        copies.push({ path: planned, backupId: backup.id, startedAt: backup.startedAt?.toISOString() ?? null });
      }
    }
  }
  const doomed = planRetention(copies, target.keep, made);
  if (!dryRun) for (const copy of doomed) await fs.rm(copy.path, { recursive: true, force: true });
  return doomed.map((copy) => ({ backupId: copy.backupId, startedAt: copy.startedAt, path: copy.path }));
}
