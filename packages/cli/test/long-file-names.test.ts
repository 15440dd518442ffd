import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DownloadFileOptions } from "../src/download/download-file.js";
import { DownloadError } from "../src/download/errors.js";
import { downloadFrom, MODES } from "./helpers/download-modes.js";
import { fileServerPerTest, type FileServer } from "./helpers/file-server.js";
import { listDir, sha256File } from "./helpers/tmp.js";

let server: FileServer;
let out: string;
fileServerPerTest((started, dir) => {
  server = started;
  out = dir;
});

const run = (name: string, outDir: string, options: Partial<DownloadFileOptions> = {}) => downloadFrom(server, name, outDir, options);

describe("file names as long as the file system allows", () => {
  // 255 bytes per name, less the longest working file's suffix: `.part.json.<pid, up to 10 digits>.tmp`.
  const LONGEST = 230;

  for (const { mode, options } of MODES) {
    it(`downloads a file whose name has the longest allowed length (${mode})`, async () => {
      const name = "n".repeat(LONGEST);
      const file = server.addFile(name, 250_000);
      const result = await run(name, out, options);
      expect(result).toMatchObject({ status: "downloaded", bytes: 250_000, sha256: file.sha256 });
      expect(await sha256File(path.join(out, name))).toBe(file.sha256);
      expect(await listDir(out)).toEqual([name, `${name}.sha256`]);
    });
  }

  it("never fails mid-way for a name it accepted (245 bytes were accepted, then no state file could be written)", async () => {
    const name = "n".repeat(245);
    server.addFile(name, 1000);
    const error = await run(name, out).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNSAFE_NAME" });
    expect(server.requests).toEqual([]);
  });

  it("refuses a name one byte longer before any request, naming the rule", async () => {
    const name = "n".repeat(LONGEST + 1);
    server.addFile(name, 1000);
    const error = await run(name, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: "UNSAFE_NAME", message: `refusing file name ${JSON.stringify(name)}: it is longer than ${LONGEST} bytes` });
    expect(server.requests).toEqual([]);
  });
});
