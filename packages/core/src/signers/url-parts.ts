/**
 * The parts of a URL the signers read: a type only, below canonical.ts and fast-paths.ts (both use it, and
 * canonical.ts imports fast-paths.ts). canonical.ts re-exports it.
 */
export interface UrlParts {
  host: string;
  pathname: string;
  search: string;
}
