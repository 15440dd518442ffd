import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DownloadFileOptions } from "../src/download/download-file.js";
import { DownloadError } from "../src/download/errors.js";
import { downloadFrom, MODES } from "./helpers/download-modes.js";
import { fileServerPerTest, type FileServer } from "./helpers/file-server.js";
import { listDir } from "./helpers/tmp.js";

let server: FileServer;
let out: string;
fileServerPerTest((started, dir) => {
  server = started;
  out = dir;
});

const run = (name: string, outDir: string, options: Partial<DownloadFileOptions> = {}) => downloadFrom(server, name, outDir, options);

describe("the disk failing outside the body's writes", () => {
  it("a state file that cannot be written while the body streams fails the file cleanly (no unhandled rejection)", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      server.addFile("meta.qp", 300_000, { throttle: 600_000 });
      // The state file's temporary name is taken by a directory: writing it fails with EISDIR.
      await fs.mkdir(path.join(out, `meta.qp.part.json.${process.pid}.tmp`));
      const error = await run("meta.qp", out, { connections: 1 }).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      expect(error).toBeInstanceOf(DownloadError);
      expect(error).toMatchObject({ code: "FILESYSTEM", file: "meta.qp" });
      expect((error as Error).message).toMatch(/^meta\.qp: /);
      expect(await listDir(out)).not.toContain("meta.qp");
    } finally {
      process.off("unhandledRejection", record);
    }
  });

  for (const { mode, options } of MODES) {
    it(`the output directory vanishing mid-download fails the file with FILESYSTEM, nothing at the final name (${mode})`, async () => {
      server.addFile("gone.qp", 300_000, { throttle: 600_000 });
      const dir = path.join(out, "sub");
      const promise = run("gone.qp", dir, options);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await fs.rm(dir, { recursive: true, force: true });
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DownloadError);
      expect(error).toMatchObject({ code: "FILESYSTEM", file: "gone.qp" });
      expect((error as Error).message).toMatch(/^gone\.qp: .*ENOENT/);
      expect(await listDir(out)).toEqual([]);
    });
  }
});
