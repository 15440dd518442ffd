/** A copy sync made, as its manifest describes it. */
export interface CopyOnDisk {
  path: string;
  backupId: string;
  /** ISO 8601, or null when the API gave no start time. */
  startedAt: string | null;
}

/**
 * The copies to delete so that `keep` remain: newest first by the backup's start (then its directory name, for a
 * stable order), everything after the first `keep` goes, except the copies in `protect` (made in this run), which
 * are never deleted. Undated copies count as the oldest.
 */
export function planRetention(copies: readonly CopyOnDisk[], keep: number, protect: ReadonlySet<string>): CopyOnDisk[] {
  const newestFirst = [...copies].sort(
    (a, b) => (b.startedAt ?? "").localeCompare(a.startedAt ?? "") || b.path.localeCompare(a.path),
  );
  return newestFirst.slice(keep).filter((copy) => !protect.has(copy.path));
}
