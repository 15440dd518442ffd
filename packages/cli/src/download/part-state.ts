import { promises as fs } from "node:fs";

/**
 * What the sidecar `<name>.part.json` records about the bytes in `<name>.part`, so that a later run resumes only
 * when the server still serves the same object. Version 1 describes one stream written in order (the partial
 * file is a prefix of the object); version 2 describes ranged parts written in place (see RangedMeta).
 */
export interface PartMeta {
  version: 1;
  /** The file name as the API gave it. */
  name: string;
  /** Origin and path of the link (never its query string). */
  source: string;
  totalBytes: number | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
}

export interface PartState {
  /** Bytes already in the partial file: the offset to resume from (0 when there is nothing usable). */
  offset: number;
  meta: PartMeta | undefined;
}

/**
 * Version 2: the object was fetched as fixed-size parts written in place into a full-length `<name>.part`. `done`
 * is a bitmap (bit i of byte i>>3, base64) of the parts known to be on disk: it is saved only after the file was
 * flushed (`datasync`), so a part marked done survives a crash or a power cut. A later run resumes only with the
 * same name, length, part size and validator (ETag or Last-Modified), and re-fetches every part not marked done.
 */
export interface RangedMeta {
  version: 2;
  name: string;
  /** Origin and path of the link (never its query string). */
  source: string;
  totalBytes: number;
  etag: string | undefined;
  lastModified: string | undefined;
  partBytes: number;
  done: string;
}

async function readSidecar(sidecarPath: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(sidecarPath, "utf8"));
  } catch {
    return undefined;
  }
}

/** A version 2 sidecar for this name with its bitmap decoded, or undefined (absent, another version, unreadable). */
export async function readRangedState(partPath: string, sidecarPath: string, name: string): Promise<{ meta: RangedMeta; done: boolean[] } | undefined> {
  const size = await fileSize(partPath);
  if (size === undefined) return undefined;
  const meta = parseRangedMeta(await readSidecar(sidecarPath));
  if (meta === undefined || meta.name !== name || size !== meta.totalBytes) return undefined;
  const parts = Math.ceil(meta.totalBytes / meta.partBytes);
  const bits = Buffer.from(meta.done, "base64");
  if (bits.length !== Math.ceil(parts / 8)) return undefined;
  const done = Array.from({ length: parts }, (_, i) => (bits[i >> 3]! & (1 << (i & 7))) !== 0);
  return { meta, done };
}

/** The bitmap of `done` as stored in RangedMeta. */
export function encodeDone(done: readonly boolean[]): string {
  const bits = Buffer.alloc(Math.ceil(done.length / 8));
  done.forEach((isDone, i) => {
    if (isDone) bits[i >> 3]! |= 1 << (i & 7);
  });
  return bits.toString("base64");
}

/** Which format the sidecar is in (1, 2), or undefined when there is none or it is unreadable. */
export async function sidecarVersion(sidecarPath: string): Promise<number | undefined> {
  const value = await readSidecar(sidecarPath);
  const version = (value as { version?: unknown } | undefined)?.version;
  return typeof version === "number" ? version : undefined;
}

/** Reads the partial file's size and sidecar; a partial file without a readable sidecar counts as nothing. */
export async function readPartState(partPath: string, sidecarPath: string, name: string): Promise<PartState> {
  const size = await fileSize(partPath);
  if (size === undefined || size === 0) return { offset: 0, meta: undefined };
  const meta = parseMeta(await readSidecar(sidecarPath));
  if (meta === undefined || meta.name !== name) return { offset: 0, meta: undefined };
  if (meta.totalBytes !== undefined && size > meta.totalBytes) return { offset: 0, meta: undefined };
  return { offset: size, meta };
}

/** Writes the sidecar atomically (temporary name, then rename) so a crash never leaves half a JSON document. */
export async function writePartMeta(sidecarPath: string, meta: PartMeta | RangedMeta): Promise<void> {
  const temporary = `${sidecarPath}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(meta, null, 2)}\n`);
  await fs.rename(temporary, sidecarPath);
}

export async function removeIfPresent(filePath: string): Promise<void> {
  await fs.rm(filePath, { force: true });
}

export async function fileSize(filePath: string): Promise<number | undefined> {
  try {
    const stat = await fs.stat(filePath);
    return stat.isFile() ? stat.size : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function parseMeta(value: unknown): PartMeta | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.version !== 1 || typeof record.name !== "string" || typeof record.source !== "string") return undefined;
  const total = record.totalBytes;
  if (total !== undefined && (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0)) return undefined;
  const optionalString = (field: unknown): string | undefined => (typeof field === "string" ? field : undefined);
  return {
    version: 1,
    name: record.name,
    source: record.source,
    totalBytes: total as number | undefined,
    etag: optionalString(record.etag),
    lastModified: optionalString(record.lastModified),
  };
}

function parseRangedMeta(value: unknown): RangedMeta | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const whole = (field: unknown, min: number): field is number => typeof field === "number" && Number.isSafeInteger(field) && field >= min;
  if (r.version !== 2 || typeof r.name !== "string" || typeof r.source !== "string" || typeof r.done !== "string") return undefined;
  if (!whole(r.totalBytes, 0) || !whole(r.partBytes, 1)) return undefined;
  const optionalString = (field: unknown): string | undefined => (typeof field === "string" ? field : undefined);
  return {
    version: 2,
    name: r.name,
    source: r.source,
    totalBytes: r.totalBytes,
    etag: optionalString(r.etag),
    lastModified: optionalString(r.lastModified),
    partBytes: r.partBytes,
    done: r.done,
  };
}
