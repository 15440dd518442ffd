import { formatTable } from "../cli/table.js";
import { formatBytes } from "../progress/format.js";
import { printable } from "../progress/printable.js";
import type { SyncReport } from "./run-sync.js";

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * The final report as a table: one row per backup chosen (or per instance when nothing could be chosen), then
 * the reasons of failures and the copies pruned, then one summary line.
 */
export function formatSyncReport(report: SyncReport): string {
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const target of report.targets) {
    const instance = `${target.api} ${target.instanceId}`;
    if (target.backups.length === 0) {
      rows.push([target.target, instance, "-", "-", "-", target.status, "-", seconds(target.durationMs)]);
    }
    for (const backup of target.backups) {
      rows.push([
        target.target,
        instance,
        backup.id,
        backup.startedAt === null ? "-" : `${backup.startedAt.slice(0, 19)}Z`,
        backup.type,
        backup.action,
        backup.bytes > 0 ? formatBytes(backup.bytes) : "-",
        seconds(target.durationMs),
      ]);
      if (backup.reason !== undefined && backup.action !== "skipped") notes.push(`${target.target} ${backup.id}: ${backup.reason}`);
    }
    if (target.reason !== undefined && (target.status === "failed" || target.status === "interrupted")) {
      notes.push(`${target.target} ${target.instanceId}: ${target.status}: ${target.reason}`);
    }
    for (const copy of target.pruned) notes.push(`${target.target} ${target.instanceId}: ${report.dryRun ? "would prune" : "pruned"} ${printable(copy.path)}`);
  }
  const table = formatTable(["TARGET", "INSTANCE", "BACKUP", "STARTED (UTC)", "TYPE", "RESULT", "SIZE", "TIME"], rows, new Set([6, 7]));
  const count = (status: string): number => report.targets.filter((target) => target.status === status).length;
  const copiedBytes = report.targets.reduce((sum, target) => sum + target.bytes, 0);
  const pruned = report.targets.reduce((sum, target) => sum + target.pruned.length, 0);
  const summary = report.dryRun
    ? `Dry run: nothing was changed. ${report.targets.length} instance(s) planned; ${pruned} copy(ies) would be pruned.`
    : `${count("copied")} copied (${formatBytes(copiedBytes)}), ${count("up to date")} up to date, ${count("failed")} failed${
        count("interrupted") > 0 ? `, ${count("interrupted")} interrupted` : ""
      }; ${pruned} old cop${pruned === 1 ? "y" : "ies"} pruned; ${seconds(report.durationMs)}.`;
  return [table, ...(notes.length > 0 ? ["", ...notes] : []), "", summary].join("\n");
}

/** The report as one JSON document (`--json`). */
export function syncReportJson(report: SyncReport): string {
  return JSON.stringify({ type: "sync-report", ...report }, null, 2);
}
