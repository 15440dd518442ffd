import { createHash } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import type { ApiId } from "@backup-links/core";
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

/** The manifest of a copy directory, or undefined when there is none (or it is not one of ours). */
export async function readManifest(directory: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(directory, MANIFEST_FILE), "utf8")) as Manifest;
    return manifest.format === MANIFEST_FORMAT && Array.isArray(manifest.files) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** The files of a copy that are missing or differ from its manifest (size, then SHA-256). */
export async function verifyCopy(directory: string, manifest: Manifest): Promise<Array<{ path: string; problem: string }>> {
  const problems: Array<{ path: string; problem: string }> = [];
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
