import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCK_FILE, acquireLock } from "../src/sync/lock.js";
import { planRetention } from "../src/sync/retention.js";
import { utcStamp } from "../src/sync/run-sync.js";
import { tempDir } from "./helpers/tmp.js";

describe("retention", () => {
  const copy = (name: string, startedAt: string | null) => ({ path: `/d/${name}`, backupId: name, startedAt });
  const copies = [copy("b", "2026-11-30T03:15:00.000Z"), copy("undated", null), copy("d", "2026-12-02T03:15:00.000Z"), copy("a", "2026-11-29T03:15:00.000Z"), copy("c", "2026-12-01T03:15:00.000Z")];

  it("deletes the oldest beyond keep (undated counts as oldest)", () => {
    expect(planRetention(copies, 2, new Set()).map((c) => c.backupId)).toEqual(["b", "a", "undated"]);
    expect(planRetention(copies, 5, new Set())).toEqual([]);
    expect(planRetention(copies, 1, new Set()).map((c) => c.backupId)).toEqual(["c", "b", "a", "undated"]);
  });

  it("never deletes a copy made in this run, even an old one", () => {
    expect(planRetention(copies, 2, new Set(["/d/a"])).map((c) => c.backupId)).toEqual(["b", "undated"]);
  });

  it("names copies by their start in UTC", () => {
    expect(utcStamp(new Date("2026-12-02T03:15:00.123Z"))).toBe("20261202T031500Z");
    expect(utcStamp(undefined)).toBe("undated");
  });
});

describe("the destination lock", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir("backup-links-lock-");
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("is exclusive; release removes only our own lock", async () => {
    const first = await acquireLock(dir);
    expect(first.acquired).toBe(true);
    const owner = JSON.parse(await fs.readFile(path.join(dir, LOCK_FILE), "utf8"));
    expect(owner).toEqual({ pid: process.pid, hostname: os.hostname(), startedAt: expect.any(String) });
    const second = await acquireLock(dir);
    expect(second).toMatchObject({ acquired: false, reason: expect.stringContaining(`locked by a running sync (PID ${process.pid}`) });
    // Someone replaced the lock (a takeover): our release must leave theirs alone.
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ ...owner, startedAt: "2026-01-01T00:00:00.000Z" }));
    if (first.acquired) await first.release();
    expect(await fs.readdir(dir)).toEqual([LOCK_FILE]);
  });

  it("refuses a lock of another host (its processes cannot be checked) and names it", async () => {
    const lock = { pid: 4242, hostname: "backup-host-2", startedAt: "2026-12-02T03:30:00.000Z" };
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify(lock));
    expect(await acquireLock(dir)).toEqual({
      acquired: false,
      holder: lock,
      reason: `locked by PID 4242 on host backup-host-2 since 2026-12-02T03:30:00.000Z (${path.join(dir, LOCK_FILE)}; delete it if that run is gone)`,
    });
  });

  it("an unreadable lock is left alone for a minute (being written), then taken over", async () => {
    const file = path.join(dir, LOCK_FILE);
    await fs.writeFile(file, "");
    expect(await acquireLock(dir)).toMatchObject({ acquired: false, reason: `${file} is being written by another sync (unreadable lock)` });
    const old = new Date(Date.now() - 120_000);
    await fs.utimes(file, old, old);
    const taken = await acquireLock(dir);
    expect(taken.acquired).toBe(true);
    expect(JSON.parse(await fs.readFile(file, "utf8")).pid).toBe(process.pid);
    expect(await fs.readdir(dir)).toEqual([LOCK_FILE]);
  });
});
