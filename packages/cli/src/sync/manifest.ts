import { createHash } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import type { ApiId } from "@backup-links/core";
import { CHECKSUM_SUFFIX, readChecksumFile } from "../download/checksum-file.js";
import { safeFileName } from "../download/safe-name.js";
import { VERSION } from "../version.js";

/** The manifest beside every copy; written last, so a directory without one is an unfinished copy. */
export const MANIFEST_FILE = "backup.json";
/** Identifies manifests sync wrote: retention deletes only directories holding one. */
export const MANIFEST_FORMAT = "backup-links-sync/1";

export interface ManifestFile {
  /** The name the API gave. */
  name: string;
  /** The file's name in the copy's directory (the downloader's safe name). */
  path: string;
  sizeBytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  api: ApiId;
  instanceId: string;
  target: string;
  backup: {
    id: string;
    name: string | null;
    type: string;
    startedAt: string | null;
    finishedAt: string | null;
    sizeBytes: number | null;
    engine: string | null;
  };
  files: ManifestFile[];
  /** When this copy was completed. */
  copiedAt: string;
  tool: { name: "backup-links"; version: string };
}

export function newManifest(fields: Omit<Manifest, "format" | "tool">): Manifest {
  return { format: MANIFEST_FORMAT, ...fields, tool: { name: "backup-links", version: VERSION } };
}

/** SHA-256 (hex) of a file, streamed. */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file, { highWaterMark: 1024 * 1024 })
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/**
 * The manifest of a copy directory, or undefined when there is none, it is not one of ours, or it is damaged. A
 * damaged manifest vouches for nothing: the copy is made again, and retention never deletes its directory. Its file
 * paths in particular are checked to be plain names in the copy: sync reads, and deletes, the files they name.
 */
export async function readManifest(directory: string): Promise<Manifest | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await fs.readFile(path.join(directory, MANIFEST_FILE), "utf8"));
  } catch {
    return undefined;
  }
  return isManifest(value) ? value : undefined;
}

function isManifest(value: unknown): value is Manifest {
  const record = value as Partial<Manifest> | null;
  if (typeof record !== "object" || record === null || record.format !== MANIFEST_FORMAT) return false;
  if (typeof record.api !== "string" || typeof record.instanceId !== "string" || typeof record.copiedAt !== "string") return false;
  const backup = record.backup as Partial<Manifest["backup"]> | null | undefined;
  if (typeof backup !== "object" || backup === null || typeof backup.id !== "string") return false;
  if (backup.startedAt !== null && typeof backup.startedAt !== "string") return false;
  return Array.isArray(record.files) && record.files.every(isManifestFile);
}

function isManifestFile(value: unknown): value is ManifestFile {
  const file = value as Partial<ManifestFile> | null;
  if (typeof file !== "object" || file === null || typeof file.name !== "string" || typeof file.path !== "string") return false;
  if (!Number.isSafeInteger(file.sizeBytes) || file.sizeBytes! < 0) return false;
  return typeof file.sha256 === "string" && /^[0-9a-f]{64}$/.test(file.sha256) && isPlainName(file.path);
}

/** A name the downloader could have written: one safe path component (no `..`, separators or control characters). */
function isPlainName(name: string): boolean {
  try {
    return safeFileName(name) === name;
  } catch {
    return false;
  }
}

/** A file of a copy that is missing or differs from what was recorded for it. */
export interface CopyProblem {
  path: string;
  problem: string;
}

/** The files of a copy that are missing or differ from its manifest (size, then SHA-256). */
export async function verifyCopy(directory: string, manifest: Manifest): Promise<CopyProblem[]> {
  const problems: CopyProblem[] = [];
  for (const file of manifest.files) {
    const full = path.join(directory, file.path);
    const stat = await fs.stat(full).catch(() => undefined);
    if (stat === undefined) problems.push({ path: file.path, problem: "missing" });
    else if (stat.size !== file.sizeBytes) problems.push({ path: file.path, problem: `size ${stat.size} instead of ${file.sizeBytes}` });
    else if ((await sha256File(full)) !== file.sha256) problems.push({ path: file.path, problem: "SHA-256 differs" });
  }
  return problems;
}

/**
 * The files of an unfinished copy (no manifest yet) whose bytes differ from the `.sha256` written beside them when
 * they were downloaded. The downloader skips a file at its final name by its size alone, so without this check a
 * file damaged since would be vouched for by the new manifest.
 */
export async function verifyUnfinishedCopy(directory: string): Promise<CopyProblem[]> {
  const names = await fs.readdir(directory).catch(() => [] as string[]);
  const problems: CopyProblem[] = [];
  for (const name of names.filter((entry) => entry.endsWith(CHECKSUM_SUFFIX)).sort()) {
    const file = name.slice(0, -CHECKSUM_SUFFIX.length);
    const full = path.join(directory, file);
    const stat = await fs.stat(full).catch(() => undefined);
    if (stat === undefined || !stat.isFile()) continue;
    const recorded = await readChecksumFile(full);
    if (recorded !== undefined && (await sha256File(full)) !== recorded) problems.push({ path: file, problem: `SHA-256 differs from ${name}` });
  }
  return problems;
}

/**
 * Writes the manifest atomically and durably: a temporary file, flushed, renamed over `backup.json`, then the
 * directory flushed, so after a crash there is either the old state or the complete manifest.
 */
export async function writeManifest(directory: string, manifest: Manifest): Promise<void> {
  const final = path.join(directory, MANIFEST_FILE);
  const temporary = `${final}.${process.pid}.tmp`;
  const handle = await fs.open(temporary, "w");
  try {
    await handle.writeFile(`${JSON.stringify(manifest, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, final);
  const dir = await fs.open(directory, "r");
  try {
    await dir.sync();
  } catch {
    // Some file systems (and Windows) cannot fsync a directory; the rename is still atomic.
  } finally {
    await dir.close();
  }
}
