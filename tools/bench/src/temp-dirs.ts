/**
 * Temporary directories that must not outlive the run (a 1 GiB download copy, a cloned repository). Each suite
 * removes its own in `finally`; `removeAllTempDirsSync` is for a run ended by a signal, when no `finally` runs.
 */
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const live = new Set<string>();

export async function makeTempDir(prefix: string, root: string = tmpdir()): Promise<string> {
  const dir = await mkdtemp(path.join(root, prefix));
  live.add(dir);
  return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  live.delete(dir);
}

export function removeAllTempDirsSync(): void {
  for (const dir of live) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort on the way out
    }
    live.delete(dir);
  }
}
