import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeFetch } from "../src/links/node-fetch.js";
import { fileServerPerTest, type FileServer } from "./helpers/file-server.js";
import { runCaptured, TEST_SECRETS } from "./helpers/run.js";
import { listDir, sha256File } from "./helpers/tmp.js";

let server: FileServer;
let out: string;
fileServerPerTest((started, dir) => {
  server = started;
  out = dir;
});


function download(extra: string[] = [], options: { tty?: boolean } = {}) {
  return runCaptured(
    ["download", "otc-rds", "--endpoint", server.baseUrl, "--backup-id", "b1", "--out", out, ...extra],
    { fetch: nodeFetch, ...options },
  );
}

/** No pre-signed link, signature or secret key in what the user sees. */
function expectNoSecrets(text: string): void {
  expect(text).not.toContain("token=");
  expect(text).not.toContain("SECRETSIG");
  expect(text).not.toContain("Signature=");
  for (const secret of TEST_SECRETS) expect(text).not.toContain(secret);
}

describe("backup-links download", () => {
  it("downloads every file of the backup, logging plain lines when stderr is not a terminal", async () => {
    const files = ["a.qp", "b.qp", "c.meta"].map((key, i) => [key, server.addFile(key, 40_000 + i * 1024)] as const);
    server.apiFiles = files.map(([key]) => key);
    const result = await download(["--concurrency", "2"]);
    expect(result.code).toBe(0);
    for (const [key, file] of files) expect(await sha256File(path.join(out, key))).toBe(file.sha256);
    expect(await listDir(out)).toEqual(["a.qp", "a.qp.sha256", "b.qp", "b.qp.sha256", "c.meta", "c.meta.sha256"]);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.filter((line) => / downloading /.test(line)).sort()).toEqual([
      "a.qp: downloading 39.0 KiB",
      "b.qp: downloading 40.0 KiB",
      "c.meta: downloading 41.0 KiB",
    ]);
    expect(lines.filter((line) => /: done, /.test(line))).toHaveLength(3);
    expect(result.stdout).toBe(`3 files downloaded (120 KiB) into ${out}.\n`);
    expectNoSecrets(result.stdout + result.stderr);
  });

  it("prints one JSON event per line with --json, ending with a summary", async () => {
    const file = server.addFile("j.qp", 30_000);
    server.apiFiles = ["j.qp"];
    const result = await download(["--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const events = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ type: "start", file: "j.qp", path: path.join(out, "j.qp"), totalBytes: 29_696, resumeFrom: 0 });
    expect(events.at(-2)).toMatchObject({ type: "done", file: "j.qp", bytes: 30_000 });
    expect(events.at(-1)).toEqual({
      type: "summary",
      ok: true,
      interrupted: false,
      outDir: out,
      bytes: 30_000,
      files: { downloaded: 1, skipped: 0, failed: 0, interrupted: 0 },
    });
    expect(await sha256File(path.join(out, "j.qp"))).toBe(file.sha256);
    expectNoSecrets(result.stdout);
  });

  it("prints nothing with --quiet when all goes well", async () => {
    server.addFile("q.qp", 5_000);
    server.apiFiles = ["q.qp"];
    const result = await download(["--quiet"]);
    expect(result).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it("draws progress bars when stderr is a terminal", async () => {
    server.addFile("t.qp", 200_000, { throttle: 400_000 });
    server.apiFiles = ["t.qp"];
    const result = await download([], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/t\.qp +\[#*-*\] +\d+% +[\d.]+ KiB\/195 KiB +[\d.]+ (B|KiB|MiB)\/s +ETA /);
    expect(result.stderr).toContain("\x1b[2Kt.qp: done, 195 KiB in ");
    expectNoSecrets(result.stderr);
  });

  it("exits 4 when a file fails, names it, and leaves nothing at its final name", async () => {
    server.addFile("ok.qp", 2_000);
    const bad = server.addFile("bad.qp", 2_000);
    bad.faults.push({ kind: "status", status: 404 });
    server.apiFiles = ["bad.qp", "ok.qp"];
    const result = await download(["--concurrency", "1"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`bad.qp: FAILED: bad.qp: HTTP 404 from ${server.baseUrl}/objects/bad.qp\n`);
    expect(result.stdout).toBe(`1 file downloaded (1.95 KiB) into ${out}; 1 failed.\n`);
    expect(await listDir(out)).toEqual(["ok.qp", "ok.qp.sha256"]);
    expectNoSecrets(result.stdout + result.stderr);
  });

  it("asks the API for fresh links when the object store refuses an expired one, and resumes", async () => {
    const file = server.addFile("exp.qp", 300_000);
    file.faults.push({ kind: "drop", afterBytes: 100_000 });
    server.apiFiles = ["exp.qp"];
    // The link "expires" at the drop: the retry gets 403, then the CLI asks the API again.
    const expire = setInterval(() => {
      if (server.requestsFor("exp.qp").length === 1 && server.apiCalls === 1) server.expireAll("exp.qp");
    }, 1);
    const result = await download();
    clearInterval(expire);
    expect(result.code).toBe(0);
    expect(server.apiCalls).toBe(2);
    expect(server.requestsFor("exp.qp").map((r) => [r.range, r.status])).toEqual([
      [undefined, 200],
      ["bytes=100000-", 403],
      ["bytes=100000-", 206],
    ]);
    expect(result.stderr).toContain("exp.qp: link refused by the object store; asking the API for fresh links\n");
    expect(await sha256File(path.join(out, "exp.qp"))).toBe(file.sha256);
    expectNoSecrets(result.stdout + result.stderr);
  });

  it("refreshes links the API says have expired before downloading", async () => {
    const file = server.addFile("old.qp", 3_000);
    server.apiFiles = ["old.qp"];
    server.linkExpiredTime = "2020-01-01T00:00:00+0000";
    const result = await download();
    expect(result.code).toBe(0);
    // First call, then up to three refreshes that still say "expired", then the link is tried anyway.
    expect(server.apiCalls).toBe(4);
    expect(await sha256File(path.join(out, "old.qp"))).toBe(file.sha256);
  });

  it("skips files already downloaded when run again", async () => {
    server.addFile("again.qp", 4_096);
    server.apiFiles = ["again.qp"];
    expect((await download()).code).toBe(0);
    const second = await download();
    expect(second.code).toBe(0);
    expect(second.stderr).toBe(`again.qp: already downloaded (4.00 KiB) at ${path.join(out, "again.qp")}\n`);
    expect(server.requestsFor("again.qp")).toHaveLength(1);
  });

  it("refuses a file name from the API that would escape --out, and still downloads the others", async () => {
    const good = server.addFile("good.qp", 2_000);
    server.addFile("../escape.qp", 2_000);
    server.apiFiles = ["../escape.qp", "good.qp"];
    const inner = path.join(out, "inner");
    const result = await runCaptured(
      ["download", "otc-rds", "--endpoint", server.baseUrl, "--backup-id", "b1", "--out", inner],
      { fetch: nodeFetch },
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`../escape.qp: FAILED: refusing file name "../escape.qp": it contains a '..' segment\n`);
    expect(await listDir(out)).toEqual(["inner"]);
    expect(await listDir(inner)).toEqual(["good.qp", "good.qp.sha256"]);
    expect(await sha256File(path.join(inner, "good.qp"))).toBe(good.sha256);
    expect(server.requestsFor("../escape.qp")).toHaveLength(0);
  });

  it("exits 4 when the backup lists no file", async () => {
    server.apiFiles = [];
    const result = await download();
    expect(result.code).toBe(4);
    expect(result.stderr).toBe("backup-links: otc-rds lists no downloadable file for this backup\n");
  });

  it("exits 3 when the API answers with an error, before writing anything", async () => {
    server.apiFaults = [404];
    const result = await download();
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `backup-links: GET ${server.baseUrl}/v3/0123456789abcdef0123456789abcdef/backup-files?<redacted> failed with HTTP 404 DBS.200022: The backup does not exist. [request id req-1]\n`,
    );
    expect(await listDir(out)).toEqual([]);
  });
});
