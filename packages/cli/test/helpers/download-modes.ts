import { downloadFile, type DownloadFileOptions } from "../../src/download/download-file.js";
import type { FileServer } from "./file-server.js";

/** Two quick attempts: the fault tests want the failure, not the wait. */
export const FAST_RETRY = { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 };

/** One stream (connections 1) or three ranged connections of 100 kB parts: a check that must hold in both. */
export const MODES = [
  { mode: "one stream", options: { connections: 1 } },
  { mode: "ranged parts", options: { connections: 3, multiConnectionThresholdBytes: 0, partBytes: 100_000, minPieceBytes: 100_000 } },
] as const;

/** Downloads `name` from `server` into `outDir` with FAST_RETRY. */
export function downloadFrom(server: FileServer, name: string, outDir: string, options: Partial<DownloadFileOptions> = {}) {
  return downloadFile({ link: { name, url: server.link(name) }, outDir, retry: FAST_RETRY, ...options });
}
