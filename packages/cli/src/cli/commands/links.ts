import { getBackupLinks } from "../../links/get-backup-links.js";
import { apiFetch } from "../../links/node-fetch.js";
import type { BackupLinks, GetBackupLinksOptions } from "../../links/types.js";
import type { BackupRecord } from "../../backups/types.js";
import { formatUtc, recordToJson } from "./backups.js";
import { formatBytes, formatTimeLeft } from "../../progress/format.js";
import { printable } from "../../progress/printable.js";
import type { LinkArgs } from "../args.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { formatTable } from "../table.js";

/** "Latest full backup of instance X: ID (name), started ..., finished ..., 1.2 GiB" for stderr. */
export function describePick(backup: BackupRecord): string {
  const parts: string[] = [];
  if (backup.startedAt !== undefined) parts.push(`started ${formatUtc(backup.startedAt, undefined)} UTC`);
  if (backup.finishedAt !== undefined) parts.push(`finished ${formatUtc(backup.finishedAt, undefined)} UTC`);
  if (backup.sizeBytes !== undefined) parts.push(formatBytes(backup.sizeBytes));
  if (backup.files !== undefined) parts.push(`${backup.files.length} file${backup.files.length === 1 ? "" : "s"}`);
  const name = backup.name === undefined ? "" : ` (${printable(backup.name)})`;
  return `Latest ${backup.type} backup of instance ${printable(backup.instanceId)}: ${printable(backup.id)}${name}${parts.map((part) => `, ${part}`).join("")}`;
}

/** The library call the command line stands for. With --latest, the backup picked is printed to stderr unless `quietPick`. */
export function toLinkOptions(args: LinkArgs, context: CliContext, tellPick = true): GetBackupLinksOptions {
  return {
    api: args.api,
    backupId: args.backupId,
    ...(args.latest
      ? {
          latest: true,
          // Checked by getBackupLinks (ValidationError naming --type).
          type: args.type as GetBackupLinksOptions["type"],
          onBackupPicked: (backup: BackupRecord) => {
            if (tellPick) context.stderr.write(`${describePick(backup)}\n`);
          },
        }
      : {}),
    region: args.region,
    endpoint: args.endpoint,
    osCloud: args.osCloud,
    projectId: args.projectId,
    instanceId: args.instanceId,
    expiration: args.expiration,
    fileName: args.fileName,
    // Through --proxy or HTTPS_PROXY/HTTP_PROXY when one applies (the downloads use the same settings).
    fetch: context.fetch ?? apiFetch({ proxy: args.proxy, env: context.env }),
    signal: context.signal,
    env: context.env,
  };
}

/** The JSON form: the normalised shape with dates as ISO strings. Contains the full links. */
export function linksToJson(links: BackupLinks): string {
  return JSON.stringify(
    {
      api: links.api,
      files: links.files.map((file) => ({
        name: file.name,
        url: file.url,
        sizeBytes: file.sizeBytes ?? null,
        expiresAt: file.expiresAt?.toISOString() ?? null,
      })),
      notes: links.notes,
      ...(links.backup === undefined ? {} : { backup: recordToJson(links.backup) }),
    },
    null,
    2,
  );
}

/** `2024-05-01 10:15:14 UTC (in 59 min)` / `(expired)`; "unknown" when the API gave no usable expiry. */
export function formatExpiry(expiresAt: Date | undefined, now: number): string {
  if (expiresAt === undefined) return "unknown";
  const stamp = `${expiresAt.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  const left = (expiresAt.getTime() - now) / 1000;
  return left <= 0 ? `${stamp} (expired)` : `${stamp} (in ${formatTimeLeft(left)})`;
}

/** The human form: a table of name, size and expiry; links only when asked for. */
export function linksToTable(links: BackupLinks, backupId: string, showLinks: boolean, now: number): string {
  const count = links.files.length;
  const lines = [`${links.api}: ${count} file${count === 1 ? "" : "s"} in backup ${printable(backupId)}`];
  if (count > 0) {
    const header = ["FILE", "SIZE", "LINK EXPIRES"];
    if (showLinks) header.push("LINK");
    const rows = links.files.map((file) => {
      const row = [
        printable(file.name),
        file.sizeBytes === undefined ? "-" : formatBytes(file.sizeBytes),
        formatExpiry(file.expiresAt, now),
      ];
      if (showLinks) row.push(file.url);
      return row;
    });
    lines.push("", formatTable(header, rows, new Set([1])));
  }
  for (const note of links.notes) lines.push("", `Note: ${note}`);
  if (count > 0 && !showLinks) lines.push("", "The links are secrets until they expire: add --show-links or --json to print them.");
  return `${lines.join("\n")}\n`;
}

/** `backup-links links <api> ...` */
export async function runLinks(args: LinkArgs & { showLinks: boolean }, context: CliContext): Promise<number> {
  const links = await getBackupLinks(toLinkOptions(args, context));
  const now = (context.now ?? Date.now)();
  const backupId = links.backup?.id ?? (args.backupId as string);
  context.stdout.write(args.json ? `${linksToJson(links)}\n` : linksToTable(links, backupId, args.showLinks, now));
  return EXIT.OK;
}
