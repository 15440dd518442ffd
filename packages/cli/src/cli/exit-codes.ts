/** The exit status of `backup-links`, by outcome. Documented in the README. */
export const EXIT = {
  /** Everything worked. */
  OK: 0,
  /** An unexpected error (a bug: please report it). */
  UNEXPECTED: 1,
  /** Bad usage: unknown command or option, a bad or missing value, missing credentials. Nothing was sent. */
  USAGE: 2,
  /** The cloud API answered with an error or could not be reached, or (--latest) the instance has no downloadable backup. */
  API: 3,
  /** At least one file could not be downloaded (or the backup had no downloadable file). */
  DOWNLOAD: 4,
  /** sync: at least one target failed (the others ran; see the report). */
  SYNC_FAILED: 5,
  /** sync: the configuration file is missing or wrong (not YAML, unknown key, bad value, unusable destination). Nothing was changed. */
  SYNC_CONFIG: 6,
  /** Interrupted by SIGINT (Ctrl-C); partial files are kept for a resume. */
  SIGINT: 130,
  /** Stopped by SIGTERM; partial files are kept for a resume. */
  SIGTERM: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
