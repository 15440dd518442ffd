import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { downloadFile, type DownloadFileOptions } from "../src/download/download-file.js";
import { DownloadAbortedError, DownloadError } from "../src/download/errors.js";
import type { DownloadEvent } from "../src/download/events.js";
import { fileServerPerTest, type FileServer } from "./helpers/file-server.js";
import { listDir, sha256File } from "./helpers/tmp.js";

const FAST_RETRY = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

let server: FileServer;
let out: string;
fileServerPerTest((started, dir) => {
  server = started;
  out = dir;
});

function run(key: string, overrides: Partial<DownloadFileOptions> = {}) {
  const events: DownloadEvent[] = [];
  const promise = downloadFile({
    link: { name: key, url: server.link(key) },
    outDir: out,
    retry: FAST_RETRY,
    // These tests are about one stream (the ranged engine has its own tests in ranged.test.ts).
    connections: 1,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { events, promise };
}

async function expectNothingWritten(key: string): Promise<void> {
  expect(await listDir(out)).not.toContain(key);
}

describe("downloadFile", () => {
  it("streams a file to its final name and leaves no working files", async () => {
    const file = server.addFile("full.qp", 300_000);
    const { promise, events } = run("full.qp");
    const result = await promise;
    expect(result).toEqual({
      file: "full.qp",
      path: path.join(out, "full.qp"),
      bytes: 300_000,
      status: "downloaded",
      resumedFrom: 0,
      sha256: file.sha256,
      md5Verified: true,
      verification: "MD5 matches the ETag",
      connections: 1,
    });
    expect(await fs.readFile(path.join(out, "full.qp.sha256"), "utf8")).toBe(`${file.sha256}  full.qp\n`);
    expect(await sha256File(path.join(out, "full.qp"))).toBe(file.sha256);
    expect(await listDir(out)).toEqual(["full.qp", "full.qp.sha256"]);
    expect(events[0]).toEqual({ type: "start", file: "full.qp", path: path.join(out, "full.qp"), totalBytes: undefined, resumeFrom: 0 });
    expect(events.at(-1)).toMatchObject({ type: "done", bytes: 300_000, resumedFrom: 0 });
    expect(server.requestsFor("full.qp").map((r) => [r.range, r.status])).toEqual([[undefined, 200]]);
  });

  it("resumes with Range and If-Range after the connection drops mid-body", async () => {
    const file = server.addFile("drop.qp", 500_000);
    file.faults.push({ kind: "drop", afterBytes: 123_456 });
    const { promise, events } = run("drop.qp");
    await promise;
    expect(await sha256File(path.join(out, "drop.qp"))).toBe(file.sha256);
    expect(server.requestsFor("drop.qp").map((r) => [r.range, r.ifRange, r.status])).toEqual([
      [undefined, undefined, 200],
      ["bytes=123456-", file.etag, 206],
    ]);
    expect(events.filter((e) => e.type === "retry")).toHaveLength(1);
    expect(await listDir(out)).toEqual(["drop.qp", "drop.qp.sha256"]);
  });

  it("waits out a slow start shorter than the idle timeout", async () => {
    const file = server.addFile("slow.qp", 10_000);
    file.faults.push({ kind: "delay", ms: 300 });
    await run("slow.qp", { idleTimeoutMs: 3_000 }).promise;
    expect(await sha256File(path.join(out, "slow.qp"))).toBe(file.sha256);
    expect(server.requestsFor("slow.qp")).toHaveLength(1);
  });

  it("retries when the server stays silent longer than the idle timeout", async () => {
    const file = server.addFile("stall.qp", 10_000);
    // undici checks its timeouts about twice a second, so the silence lasts well beyond the timeout.
    file.faults.push({ kind: "delay", ms: 2_000 });
    const { promise, events } = run("stall.qp", { idleTimeoutMs: 300 });
    await promise;
    expect(await sha256File(path.join(out, "stall.qp"))).toBe(file.sha256);
    expect(events.find((e) => e.type === "retry")).toMatchObject({ reason: expect.stringContaining("no data from") });
  });

  it("retries a 500 and then succeeds", async () => {
    const file = server.addFile("flaky.qp", 50_000);
    file.faults.push({ kind: "status", status: 500 }, { kind: "status", status: 503 });
    const { promise, events } = run("flaky.qp");
    await promise;
    expect(await sha256File(path.join(out, "flaky.qp"))).toBe(file.sha256);
    expect(server.requestsFor("flaky.qp").map((r) => r.status)).toEqual([500, 503, 200]);
    expect(events.filter((e) => e.type === "retry").map((e) => (e as { attempt: number }).attempt)).toEqual([2, 3]);
  });

  it("gives up after the retry budget on persistent 500s, with nothing at the final name", async () => {
    const file = server.addFile("down.qp", 1_000);
    file.faults.push(...Array.from({ length: 10 }, () => ({ kind: "status" as const, status: 500 })));
    const error = await run("down.qp").promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).toMatchObject({ code: "HTTP_STATUS", status: 500 });
    expect((error as Error).message).toBe(
      `down.qp: giving up after 4 attempts: HTTP 500 from ${server.baseUrl}/objects/down.qp`,
    );
    expect(server.requestsFor("down.qp")).toHaveLength(4);
    await expectNothingWritten("down.qp");
  });

  it("asks for a fresh link when the object store answers 403 and continues from where it stopped", async () => {
    const file = server.addFile("expiring.qp", 400_000);
    file.faults.push({ kind: "drop", afterBytes: 100_000 });
    const reasons: string[] = [];
    const { promise } = run("expiring.qp", {
      refreshLink: async (reason) => {
        reasons.push(reason);
        return { name: "expiring.qp", url: server.link("expiring.qp") };
      },
      onEvent: (event) => {
        // The link "expires" while the first body is in flight.
        if (event.type === "retry") server.expireAll("expiring.qp");
      },
    });
    await promise;
    expect(await sha256File(path.join(out, "expiring.qp"))).toBe(file.sha256);
    expect(reasons).toEqual(["rejected"]);
    expect(server.requestsFor("expiring.qp").map((r) => [r.range, r.status])).toEqual([
      [undefined, 200],
      ["bytes=100000-", 403],
      ["bytes=100000-", 206],
    ]);
  });

  it("fails with LINK_REJECTED on 403 when no fresh link can be had", async () => {
    server.addFile("gone.qp", 1_000);
    const url = server.link("gone.qp");
    server.expireAll("gone.qp");
    const error = await downloadFile({ link: { name: "gone.qp", url }, outDir: out, retry: FAST_RETRY }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "LINK_REJECTED",
      status: 403,
      message: "gone.qp: the object store refused the link (HTTP 403); it has probably expired",
    });
    await expectNothingWritten("gone.qp");
    expect(await listDir(out)).toEqual([]);
  });

  it("refreshes a link whose expiresAt has passed before using it", async () => {
    const file = server.addFile("old.qp", 2_000);
    const stale = server.link("old.qp");
    server.expireAll("old.qp");
    const result = await downloadFile({
      link: { name: "old.qp", url: stale, expiresAt: new Date(Date.now() - 60_000) },
      outDir: out,
      connections: 1,
      retry: FAST_RETRY,
      refreshLink: async () => ({ name: "old.qp", url: server.link("old.qp"), expiresAt: new Date(Date.now() + 600_000) }),
    });
    expect(result.bytes).toBe(2_000);
    expect(await sha256File(path.join(out, "old.qp"))).toBe(file.sha256);
    expect(server.requestsFor("old.qp").map((r) => r.status)).toEqual([200]);
  });

  it("rejects a length that contradicts the documented size and keeps nothing", async () => {
    const file = server.addFile("wrong.qp", 10 * 1024);
    file.faults.push({ kind: "length", bytes: 8 * 1024 });
    const error = await run("wrong.qp", {
      link: { name: "wrong.qp", url: server.link("wrong.qp"), sizeBytes: 10 * 1024 },
    }).promise.catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "SIZE_MISMATCH",
      message: "wrong.qp: the server announces 8192 bytes, but the API documents 10240 bytes (±1023); not saved",
    });
    expect(await listDir(out)).toEqual([]);
  });

  it("accepts a length within the KiB rounding of the documented size", async () => {
    const file = server.addFile("kib.qp", 10 * 1024 + 700);
    const result = await run("kib.qp", { link: { name: "kib.qp", url: server.link("kib.qp"), sizeBytes: 10 * 1024 } }).promise;
    expect(result.bytes).toBe(10 * 1024 + 700);
    expect(await sha256File(path.join(out, "kib.qp"))).toBe(file.sha256);
  });

  it("starts over when the server answers a Range request with 200", async () => {
    const file = server.addFile("norange.qp", 200_000);
    file.faults.push({ kind: "drop", afterBytes: 50_000 }, { kind: "ignore-range" });
    const { promise, events } = run("norange.qp");
    await promise;
    expect(await sha256File(path.join(out, "norange.qp"))).toBe(file.sha256);
    expect(server.requestsFor("norange.qp").map((r) => [r.range, r.status])).toEqual([
      [undefined, 200],
      ["bytes=50000-", 200],
    ]);
    expect(events.find((e) => e.type === "restart")).toEqual({
      type: "restart",
      file: "norange.qp",
      reason: "the server sent the whole file instead of the rest",
    });
  });

  it("starts over when a 206 does not begin where the partial file ends", async () => {
    const file = server.addFile("shift.qp", 200_000);
    file.faults.push({ kind: "drop", afterBytes: 50_000 }, { kind: "wrong-range-start" });
    await run("shift.qp").promise;
    expect(await sha256File(path.join(out, "shift.qp"))).toBe(file.sha256);
    expect(server.requestsFor("shift.qp").map((r) => [r.range, r.status])).toEqual([
      [undefined, 200],
      ["bytes=50000-", 206],
      [undefined, 200],
    ]);
  });

  it("refuses a close-delimited body when no size is documented", async () => {
    const file = server.addFile("nolen.qp", 5_000);
    file.faults.push({ kind: "no-length" });
    const error = await run("nolen.qp").promise.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNVERIFIABLE" });
    expect(await listDir(out)).toEqual([]);
  });

  it("accepts a chunked body (its end is explicit) when no size is documented", async () => {
    const file = server.addFile("chunked.rdb", 70_000);
    file.faults.push({ kind: "chunked" });
    await run("chunked.rdb").promise;
    expect(await sha256File(path.join(out, "chunked.rdb"))).toBe(file.sha256);
  });

  it("leaves a resumable partial file when aborted, and a second run completes it byte-identically", async () => {
    const file = server.addFile("big.qp", 400_000, { throttle: 200_000 });
    const controller = new AbortController();
    const first = run("big.qp", {
      signal: controller.signal,
      progressIntervalMs: 20,
      onEvent: (event) => {
        if (event.type === "progress" && event.bytes > 60_000) controller.abort();
      },
    });
    await expect(first.promise).rejects.toBeInstanceOf(DownloadAbortedError);
    expect(await listDir(out)).toEqual(["big.qp.part", "big.qp.part.json"]);
    const partSize = (await fs.stat(path.join(out, "big.qp.part"))).size;
    expect(partSize).toBeGreaterThan(60_000);
    expect(partSize).toBeLessThan(400_000);
    const sidecar = JSON.parse(await fs.readFile(path.join(out, "big.qp.part.json"), "utf8"));
    expect(sidecar).toEqual({
      version: 1,
      name: "big.qp",
      source: `${server.baseUrl}/objects/big.qp`,
      totalBytes: 400_000,
      etag: file.etag,
    });
    expect(JSON.stringify(sidecar)).not.toContain("SECRETSIG");

    file.throttle = undefined;
    const second = run("big.qp");
    const result = await second.promise;
    expect(result.resumedFrom).toBe(partSize);
    expect(await sha256File(path.join(out, "big.qp"))).toBe(file.sha256);
    expect(server.requestsFor("big.qp").at(-1)).toMatchObject({ range: `bytes=${partSize}-`, status: 206 });
    expect(await listDir(out)).toEqual(["big.qp", "big.qp.sha256"]);
  });

  it("ignores a partial file without a sidecar and downloads from zero", async () => {
    const file = server.addFile("orphan.qp", 20_000);
    await fs.writeFile(path.join(out, "orphan.qp.part"), Buffer.alloc(5_000, 1));
    await run("orphan.qp").promise;
    expect(await sha256File(path.join(out, "orphan.qp"))).toBe(file.sha256);
    expect(server.requestsFor("orphan.qp").map((r) => r.range)).toEqual([undefined]);
  });

  it("does not resume a partial file of a different object (other ETag): the server's 200 restarts it", async () => {
    const file = server.addFile("changed.qp", 20_000);
    await fs.writeFile(path.join(out, "changed.qp.part"), Buffer.alloc(5_000, 1));
    await fs.writeFile(
      path.join(out, "changed.qp.part.json"),
      JSON.stringify({ version: 1, name: "changed.qp", source: `${server.baseUrl}/objects/changed.qp`, totalBytes: 20_000, etag: '"old"' }),
    );
    await run("changed.qp").promise;
    expect(await sha256File(path.join(out, "changed.qp"))).toBe(file.sha256);
    expect(server.requestsFor("changed.qp").map((r) => [r.range, r.ifRange, r.status])).toEqual([["bytes=5000-", '"old"', 200]]);
  });

  it("completes a partial file that already has every byte (416) without downloading again", async () => {
    const file = server.addFile("whole.qp", 3_000);
    await fs.writeFile(path.join(out, "whole.qp.part"), file.content);
    await fs.writeFile(
      path.join(out, "whole.qp.part.json"),
      JSON.stringify({ version: 1, name: "whole.qp", source: `${server.baseUrl}/objects/whole.qp`, totalBytes: 3_000, etag: file.etag }),
    );
    const result = await run("whole.qp").promise;
    expect(result).toMatchObject({ bytes: 3_000, resumedFrom: 3_000, status: "downloaded" });
    expect(server.requestsFor("whole.qp").map((r) => r.status)).toEqual([416]);
    expect(await listDir(out)).toEqual(["whole.qp", "whole.qp.sha256"]);
  });

  it("skips a file already at its final name when its size matches", async () => {
    server.addFile("done.qp", 2_048);
    await fs.writeFile(path.join(out, "done.qp"), Buffer.alloc(2_048));
    const result = await run("done.qp", { link: { name: "done.qp", url: server.link("done.qp"), sizeBytes: 2_048 } }).promise;
    expect(result.status).toBe("skipped");
    expect(server.requestsFor("done.qp")).toHaveLength(0);
  });

  it("refuses to touch an existing final file whose size contradicts the documented one", async () => {
    server.addFile("other.qp", 2_048);
    await fs.writeFile(path.join(out, "other.qp"), Buffer.alloc(10));
    const error = await run("other.qp", { link: { name: "other.qp", url: server.link("other.qp"), sizeBytes: 2_048 } }).promise.catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "EXISTS" });
    expect((await fs.stat(path.join(out, "other.qp"))).size).toBe(10);
  });

  it("never puts the link's query string in an error", async () => {
    const file = server.addFile("secret.qp", 1_000);
    file.faults.push(...Array.from({ length: 5 }, () => ({ kind: "status" as const, status: 502 })));
    const error = (await run("secret.qp").promise.catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain("token=");
    expect(error.message).not.toContain("SECRETSIG");
    expect(String((error.cause as Error).message)).not.toContain("SECRETSIG");
  });
});
