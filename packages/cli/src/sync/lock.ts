import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The lock file in each destination directory. */
export const LOCK_FILE = ".backup-links-sync.lock";

/** What a lock file records (JSON). */
export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export type LockResult = { acquired: true; release: () => Promise<void>; tookOverFrom?: LockOwner | undefined } | { acquired: false; holder: LockOwner | undefined; reason: string };

/** A lock file without readable content older than this is stale (a crash between creating and writing it). */
const UNREADABLE_GRACE_MS = 60_000;

/** True when `pid` names a live process on this machine (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(file, "utf8")) as Partial<LockOwner>;
    if (typeof owner.pid === "number" && typeof owner.hostname === "string" && typeof owner.startedAt === "string") return owner as LockOwner;
  } catch {
    // missing or unreadable: handled by the caller
  }
  return undefined;
}

/**
 * Takes the lock of a destination: creates `<destination>/.backup-links-sync.lock` exclusively (`wx`) with this
 * process's PID, host name and start time. A lock left by a process of this host that no longer exists is stale
 * and taken over; a lock of a live process (or of another host, whose processes cannot be checked) is refused.
 */
export async function acquireLock(destination: string, now: () => number = Date.now): Promise<LockResult> {
  await fs.mkdir(destination, { recursive: true });
  const file = path.join(destination, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date(now()).toISOString() };
  let tookOverFrom: LockOwner | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(file, `${JSON.stringify(me)}\n`, { flag: "wx" });
      const release = async (): Promise<void> => {
        // Only remove the lock if it is still ours (a stale-lock takeover by another run must not be undone).
        const owner = await readOwner(file);
        if (owner?.pid === me.pid && owner.hostname === me.hostname && owner.startedAt === me.startedAt) await fs.rm(file, { force: true });
      };
      return { acquired: true, release, tookOverFrom };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await readOwner(file);
    if (holder === undefined) {
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat !== undefined && now() - stat.mtimeMs < UNREADABLE_GRACE_MS) {
        return { acquired: false, holder: undefined, reason: `${file} is being written by another sync (unreadable lock)` };
      }
    } else if (holder.hostname !== me.hostname) {
      return {
        acquired: false,
        holder,
        reason: `locked by PID ${holder.pid} on host ${holder.hostname} since ${holder.startedAt} (${file}; delete it if that run is gone)`,
      };
    } else if (processAlive(holder.pid)) {
      return { acquired: false, holder, reason: `locked by a running sync (PID ${holder.pid} on ${holder.hostname}, since ${holder.startedAt})` };
    }
    // Stale: its process is gone. Move it aside under a name of our own (one mover wins), check that what was moved
    // is still the stale lock (not a fresh one another run just created: that goes back), then create ours.
    const aside = `${file}.stale-${process.pid}`;
    try {
      await fs.rename(file, aside);
    } catch {
      continue; // someone else moved it first: try again
    }
    const moved = await readOwner(aside);
    if (moved !== undefined && holder !== undefined && (moved.pid !== holder.pid || moved.startedAt !== holder.startedAt)) {
      await fs.rename(aside, file).catch(() => undefined);
      continue;
    }
    await fs.rm(aside, { force: true });
    tookOverFrom = holder;
  }
  return { acquired: false, holder: undefined, reason: `could not take the lock ${file}` };
}
