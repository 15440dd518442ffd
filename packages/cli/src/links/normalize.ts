import { kilobytesToBytes, parseLinkExpiredTime } from "@backup-links/core";
import type { FileLink } from "../download/events.js";

/** OTC DDS: "the link is valid for 15 minutes after it was last refreshed" (OTC DDS API reference). */
export const OTC_DDS_VALIDITY_MS = 15 * 60 * 1000;

type Loose = Record<string, unknown>;

const isRecord = (value: unknown): value is Loose => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const list = (value: unknown): Loose[] => (Array.isArray(value) ? value.filter(isRecord) : []);

export interface Normalized {
  files: FileLink[];
  notes: string[];
}

/**
 * RDS v3 and DDS v3 (both clouds): `files[]` of `{name, size (KiB), download_link, link_expired_time}`.
 * `validityCapMs` (OTC DDS) bounds the expiry by request time + 15 minutes, whatever the timestamp says.
 */
export function normalizeFileList(body: unknown, requestedAt: number, validityCapMs?: number): Normalized {
  const files: FileLink[] = [];
  const unreadable = new Set<string>();
  let withoutLink = 0;
  for (const item of list(isRecord(body) ? body.files : undefined)) {
    const name = text(item.name);
    const url = text(item.download_link);
    if (name === undefined || url === undefined) {
      withoutLink++;
      continue;
    }
    let expiresAt = parseLinkExpiredTime(item.link_expired_time);
    const stated = text(item.link_expired_time);
    if (expiresAt === undefined && stated !== undefined) unreadable.add(stated);
    if (validityCapMs !== undefined) {
      const cap = new Date(requestedAt + validityCapMs);
      if (expiresAt === undefined || expiresAt > cap) expiresAt = cap;
    }
    files.push({ name, url, sizeBytes: kilobytesToBytes(item.size), expiresAt });
  }
  const notes = withoutLink > 0 ? [`${withoutLink} file(s) in the answer had no name or no download link and are left out.`] : [];
  for (const stated of unreadable) {
    notes.push(`link_expired_time ${JSON.stringify(stated.slice(0, 40))} is not a valid time: that expiry is shown as unknown.`);
  }
  return { files, notes };
}

/** DCS v2: `links[]` of `{file_name, link}`; no size; valid for the `expiration` seconds asked for. */
export function normalizeDcsLinks(body: unknown, requestedAt: number, expirationSeconds: number): Normalized {
  const expiresAt = new Date(requestedAt + expirationSeconds * 1000);
  const files: FileLink[] = [];
  let withoutLink = 0;
  for (const item of list(isRecord(body) ? body.links : undefined)) {
    const name = text(item.file_name);
    const url = text(item.link);
    if (name === undefined || url === undefined) {
      withoutLink++;
      continue;
    }
    files.push({ name, url, sizeBytes: undefined, expiresAt });
  }
  const notes = withoutLink > 0 ? [`${withoutLink} file(s) in the answer had no name or no link and are left out.`] : [];
  return { files, notes };
}

/**
 * JD Cloud: one `result.publicURL` (empty while the backup cannot be downloaded). The file is named after
 * `fileName` when given, else the last segment of the link's path (the object's own name), else the backup id.
 */
export function normalizeJdCloud(
  body: unknown,
  requestedAt: number,
  input: { backupId: string; fileName: string | undefined; expiration: number | undefined },
): Normalized {
  const result = isRecord(body) && isRecord(body.result) ? body.result : isRecord(body) ? body : {};
  const url = text(result.publicURL);
  if (url === undefined) {
    return { files: [], notes: ["JD Cloud returned no public URL: the backup cannot be downloaded (yet)."] };
  }
  const name = input.fileName ?? objectName(url) ?? input.backupId;
  const expiresAt = input.expiration === undefined ? undefined : new Date(requestedAt + input.expiration * 1000);
  return { files: [{ name, url, sizeBytes: undefined, expiresAt }], notes: [] };
}

function objectName(url: string): string | undefined {
  try {
    const segment = new URL(url).pathname.split("/").filter(Boolean).at(-1);
    return segment === undefined ? undefined : text(decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}
