import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadBackup } from "../src/download/download-backup.js";
import type { DownloadEvent, FileLink } from "../src/download/events.js";
import { FileServer } from "./helpers/file-server.js";
import { listDir, sha256File, tempDir } from "./helpers/tmp.js";

const FAST_RETRY = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

let server: FileServer;
let out: string;
let parent: string;

beforeEach(async () => {
  server = await new FileServer().start();
  parent = await tempDir();
  out = path.join(parent, "out");
});
afterEach(async () => {
  await server.stop();
  await fs.rm(parent, { recursive: true, force: true });
});

function links(keys: string[]): { files: FileLink[] } {
  return { files: keys.map((key) => ({ name: key, url: server.link(key) })) };
}

describe("downloadBackup", () => {
  it("downloads every file with at most `concurrency` transfers at once", async () => {
    const keys = ["a.qp", "b.qp", "c.qp", "d.qp", "e.qp"];
    const files = keys.map((key) => server.addFile(key, 30_000, { throttle: 300_000 }));
    const result = await downloadBackup({ links: links(keys), outDir: out, concurrency: 2, retry: FAST_RETRY });
    expect(result.ok).toBe(true);
    expect(result.interrupted).toBe(false);
    expect(result.files.map((f) => [f.file, f.status])).toEqual(keys.map((key) => [key, "downloaded"]));
    for (const [index, key] of keys.entries()) expect(await sha256File(path.join(out, key))).toBe(files[index]!.sha256);
    expect(server.maxActive).toBe(2);
    expect(await listDir(out)).toEqual(keys.flatMap((key) => [key, `${key}.sha256`]));
  });

  it("shares one fresh-links call between files whose links expired together", async () => {
    const keys = ["x.qp", "y.qp", "z.qp"];
    const files = keys.map((key) => server.addFile(key, 20_000));
    const initial = links(keys);
    for (const key of keys) server.expireAll(key);
    let calls = 0;
    const result = await downloadBackup({
      links: initial,
      getLinks: async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        return links(keys);
      },
      outDir: out,
      concurrency: 3,
      retry: FAST_RETRY,
    });
    expect(result.ok).toBe(true);
    expect(calls).toBe(1);
    for (const [index, key] of keys.entries()) expect(await sha256File(path.join(out, key))).toBe(files[index]!.sha256);
  });

  it("asks the provider for the links when none are given", async () => {
    const file = server.addFile("only.qp", 1_000);
    const result = await downloadBackup({ getLinks: async () => links(["only.qp"]), outDir: out, retry: FAST_RETRY });
    expect(result.ok).toBe(true);
    expect(await sha256File(path.join(out, "only.qp"))).toBe(file.sha256);
  });

  it("refuses unsafe and colliding names before any request and writes nothing outside the output directory", async () => {
    const good = server.addFile("good.qp", 1_000);
    server.addFile("evil", 1_000);
    const evilUrl = server.link("evil");
    const names = ["../evil", "/etc/evil", "C:\\evil", "a\u0000b", "..", "sub/../../evil", "good.qp", "good.qp.part"];
    const events: DownloadEvent[] = [];
    const result = await downloadBackup({
      links: {
        files: names.map((name) => (name === "good.qp" ? { name, url: server.link("good.qp") } : { name, url: evilUrl })),
      },
      outDir: out,
      retry: FAST_RETRY,
      onEvent: (event) => events.push(event),
    });
    expect(result.ok).toBe(false);
    expect(result.files.map((f) => [f.file, f.status])).toEqual(names.map((name) => [name, name === "good.qp" ? "downloaded" : "failed"]));
    expect(events.filter((e) => e.type === "error").map((e) => (e as { message: string }).message)).toEqual([
      'refusing file name "../evil": it contains a \'..\' segment',
      'refusing file name "/etc/evil": it is an absolute path',
      'refusing file name "C:\\\\evil": it is an absolute path',
      'refusing file name "a\\u0000b": it contains a control character',
      'refusing file name "..": it contains a \'..\' segment',
      'refusing file name "sub/../../evil": it contains a \'..\' segment',
      'refusing file name "good.qp.part": it collides with "good.qp"',
    ]);
    expect(server.requestsFor("evil")).toHaveLength(0);
    expect(await listDir(parent)).toEqual(["out"]);
    expect(await listDir(out)).toEqual(["good.qp", "good.qp.sha256"]);
    expect(await sha256File(path.join(out, "good.qp"))).toBe(good.sha256);
  });

  it("flattens a relative name with sub-directories into the output directory", async () => {
    const file = server.addFile("dump", 1_000);
    const result = await downloadBackup({ links: { files: [{ name: "db1/dump.rdb", url: server.link("dump") }] }, outDir: out });
    expect(result.files[0]).toMatchObject({ status: "downloaded", path: path.join(out, "db1_dump.rdb") });
    expect(await sha256File(path.join(out, "db1_dump.rdb"))).toBe(file.sha256);
  });

  it("keeps going when one file fails, and reports it", async () => {
    const ok = server.addFile("ok.qp", 1_000);
    const bad = server.addFile("bad.qp", 1_000);
    bad.faults.push({ kind: "status", status: 404 });
    const result = await downloadBackup({ links: links(["bad.qp", "ok.qp"]), outDir: out, concurrency: 1, retry: FAST_RETRY });
    expect(result.ok).toBe(false);
    expect(result.files[0]).toMatchObject({ file: "bad.qp", status: "failed" });
    expect((result.files[0] as { error: Error }).error.message).toBe(`bad.qp: HTTP 404 from ${server.baseUrl}/objects/bad.qp`);
    expect(result.files[1]).toMatchObject({ file: "ok.qp", status: "downloaded" });
    expect(await sha256File(path.join(out, "ok.qp"))).toBe(ok.sha256);
    expect(await listDir(out)).toEqual(["ok.qp", "ok.qp.sha256"]);
  });

  it("fails a file the fresh link list no longer contains", async () => {
    server.addFile("vanished.qp", 1_000);
    const initial = links(["vanished.qp"]);
    server.expireAll("vanished.qp");
    const result = await downloadBackup({ links: initial, getLinks: async () => ({ files: [] }), outDir: out, retry: FAST_RETRY });
    expect(result.files[0]).toMatchObject({ status: "failed" });
    expect((result.files[0] as { error: Error }).error.message).toBe("vanished.qp: the fresh link list no longer contains this file");
  });

  it("marks files interrupted when aborted and keeps their partial files", async () => {
    server.addFile("p.qp", 300_000, { throttle: 150_000 });
    server.addFile("q.qp", 300_000, { throttle: 150_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await downloadBackup({ links: links(["p.qp", "q.qp"]), outDir: out, concurrency: 2, signal: controller.signal });
    expect(result.interrupted).toBe(true);
    expect(result.ok).toBe(false);
    expect(result.files.map((f) => f.status)).toEqual(["interrupted", "interrupted"]);
    expect(await listDir(out)).toEqual(["p.qp.part", "p.qp.part.json", "q.qp.part", "q.qp.part.json"]);
  });

  it("rejects a concurrency below 1", async () => {
    await expect(downloadBackup({ links: { files: [] }, outDir: out, concurrency: 0 })).rejects.toThrow(
      "concurrency must be a whole number >= 1, got 0",
    );
  });
});
