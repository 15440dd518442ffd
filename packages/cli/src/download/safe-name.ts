import path from "node:path";
import { DownloadError } from "./errors.js";

/** Suffixes of the engine's own working files; a backup file may not take one of these names. */
export const PART_SUFFIX = ".part";
export const SIDECAR_SUFFIX = ".part.json";

/**
 * File systems allow 255 bytes per name, and the longest name written for a file is its state file's temporary
 * copy, `<name>.part.json.<pid>.tmp` (see writePartMeta), with a process id of up to 10 digits.
 */
const MAX_NAME_BYTES = 255 - Buffer.byteLength(`${SIDECAR_SUFFIX}.${"0".repeat(10)}.tmp`);

/**
 * Turns a file name that came from an API response (untrusted) into a single path component that is safe to
 * create inside the output directory.
 *
 * Rejected (the file is reported as failed, nothing is written): empty names, `.` and `..`, NUL and other control
 * characters, absolute paths (`/x`, `\x`, `C:x`), any `..` segment, names too long for common file systems.
 * Neutralised: a relative name with sub-directories (`dir/file.rdb`) becomes `dir_file.rdb`, so every file lands
 * directly in the output directory and two files in different sub-directories still get different names.
 */
export function safeFileName(name: string): string {
  const reject = (rule: string): never => {
    throw new DownloadError("UNSAFE_NAME", `refusing file name ${JSON.stringify(name)}: ${rule}`, { file: name });
  };
  if (name.length === 0) reject("it is empty");
  // Control characters cover NUL (which truncates paths in C APIs) and terminal escape sequences.
  if (/[\u0000-\u001f\u007f]/.test(name)) reject("it contains a control character");
  if (/^[\\/]/.test(name) || /^[a-zA-Z]:/.test(name)) reject("it is an absolute path");
  const segments = name.split(/[\\/]+/).filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment === "..")) reject("it contains a '..' segment");
  const flat = segments.filter((segment) => segment !== ".").join("_");
  if (flat.length === 0 || flat === "." || flat === "..") reject("it names no file");
  if (Buffer.byteLength(flat) > MAX_NAME_BYTES) reject(`it is longer than ${MAX_NAME_BYTES} bytes`);
  return flat;
}

/** The final, partial and sidecar paths of one file inside `outDir`, checked to stay inside it. */
export function filePaths(outDir: string, name: string): { safeName: string; finalPath: string; partPath: string; sidecarPath: string } {
  const safeName = safeFileName(name);
  const dir = path.resolve(outDir);
  const finalPath = path.join(dir, safeName);
  // Belt and braces: whatever safeFileName let through must still resolve to a direct child of outDir.
  if (path.dirname(finalPath) !== dir) {
    throw new DownloadError("UNSAFE_NAME", `refusing file name ${JSON.stringify(name)}: it leaves the output directory`, { file: name });
  }
  return { safeName, finalPath, partPath: finalPath + PART_SUFFIX, sidecarPath: finalPath + SIDECAR_SUFFIX };
}
