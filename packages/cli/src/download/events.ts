/** One file of a backup as every API is normalised to: the shape the downloader consumes. */
export interface FileLink {
  /** The file name the API gave (untrusted: it is checked before anything is written). */
  name: string;
  /** The pre-signed download link: a secret until it expires. */
  url: string;
  /** The documented size in bytes, when the API gives one (RDS/DDS: `size` KiB × 1024). */
  sizeBytes?: number | undefined;
  /** When the link stops working, when the API says. */
  expiresAt?: Date | undefined;
}

/**
 * What the engine reports while it works. Events carry file names, paths, byte counts and reasons, never links.
 * `file` is the name as the API gave it.
 */
export type DownloadEvent =
  | {
      type: "start";
      file: string;
      path: string;
      totalBytes: number | undefined;
      resumeFrom: number;
      /** Connections used for this file (only when more than one). */
      connections?: number;
      /** Ranged downloads: how many parts the file is fetched in, and how many are already on disk. */
      parts?: number;
      partsDone?: number;
    }
  | {
      type: "progress";
      file: string;
      bytes: number;
      totalBytes: number | undefined;
      /** Ranged downloads: requests in flight, parts on disk, parts in all. */
      connections?: number;
      partsDone?: number;
      parts?: number;
    }
  | { type: "retry"; file: string; attempt: number; maxAttempts: number; delayMs: number; reason: string; part?: number }
  | { type: "restart"; file: string; reason: string }
  | { type: "link-refresh"; file: string; reason: "expired" | "rejected" }
  | {
      type: "done";
      file: string;
      path: string;
      bytes: number;
      seconds: number;
      resumedFrom: number;
      /** SHA-256 of the file (hex), also written to `<path>.sha256`. */
      sha256?: string;
      /** True when the file's MD5 equals the one the object store vouches for (a plain MD5 ETag). */
      md5Verified?: boolean;
      /** How the bytes were verified, in words ("MD5 matches the ETag", "not verifiable: multipart ETag"). */
      verification?: string;
    }
  | { type: "skip"; file: string; path: string; bytes: number; reason: string }
  | { type: "error"; file: string; code: string; message: string };

export type DownloadEventListener = (event: DownloadEvent) => void;
