import { promises as fs } from "node:fs";

/**
 * What the sidecar `<name>.part.json` records about the bytes in `<name>.part`, so that a later run resumes only
 * when the server still serves the same object: same name, same length, and the same ETag (or, when the server
 * sends none, the same host and path).
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

/** Reads the partial file's size and sidecar; a partial file without a readable sidecar counts as nothing. */
export async function readPartState(partPath: string, sidecarPath: string, name: string): Promise<PartState> {
  const size = await fileSize(partPath);
  if (size === undefined || size === 0) return { offset: 0, meta: undefined };
  let meta: PartMeta | undefined;
  try {
    meta = parseMeta(JSON.parse(await fs.readFile(sidecarPath, "utf8")));
  } catch {
    meta = undefined;
  }
  if (meta === undefined || meta.name !== name) return { offset: 0, meta: undefined };
  if (meta.totalBytes !== undefined && size > meta.totalBytes) return { offset: 0, meta: undefined };
  return { offset: size, meta };
}

/** Writes the sidecar atomically (temporary name, then rename) so a crash never leaves half a JSON document. */
export async function writePartMeta(sidecarPath: string, meta: PartMeta): Promise<void> {
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
