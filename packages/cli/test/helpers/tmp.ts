import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A fresh empty directory under the OS temp dir; remove it with `fs.rm(dir, { recursive: true })`. */
export async function tempDir(prefix = "backup-links-cli-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function sha256File(file: string): Promise<string> {
  return createHash("sha256").update(await fs.readFile(file)).digest("hex");
}

/** The names in a directory, sorted, for asserting exactly what was written. */
export async function listDir(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).sort();
}
