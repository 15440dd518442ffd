// The cross-provider list layer against an injected fetch: the neutral record of each API, newest-first order,
// findLatestBackup's pick and its error, getBackupLinks({ latest }) and its checks.
import { describe, expect, it } from "vitest";
import { ValidationError, type ApiId, type FetchLike } from "@backup-links/core";
import { PagingError } from "@backup-links/core/client";
import {
  findLatestBackup,
  getBackupLinks,
  listBackups,
  NoDownloadableBackupError,
  type BackupRecord,
} from "../src/index.js";
import { TEST_ENV } from "./helpers/run.js";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** A fetch answering list requests from `lists` (by page) and link requests from `links`; records every URL. */
function fakeCloud(answer: (url: URL, index: number) => Response) {
  const urls: URL[] = [];
  const fetch: FetchLike = async (input) => {
    const url = new URL(input.url);
    urls.push(url);
    return answer(url, urls.length - 1);
  };
  return { fetch, urls };
}

const base = (api: ApiId, fetch: FetchLike) => ({
  api,
  instanceId: api === "jdcloud-rds" ? "mysql-wp4e9ztap2" : "inst-1",
  endpoint: "http://127.0.0.1:9",
  region: api === "jdcloud-rds" ? "cn-north-1" : undefined,
  env: TEST_ENV,
  fetch,
});

const rdsItem = (id: string, type: string, status: string, begin: string, end: string, extra: Record<string, unknown> = {}) => ({
  id,
  instance_id: "inst-1",
  name: `n-${id}`,
  type,
  status,
  begin_time: begin,
  end_time: end,
  size: 10,
  datastore: { type: "MySQL", version: "8.0" },
  ...extra,
});

describe("listBackups", () => {
  it("RDS: every page, mapped to neutral records, newest first", async () => {
    const items = [
      rdsItem("b-old", "auto", "COMPLETED", "2024-05-01T01:00:00+0800", "2024-05-01T01:10:00+0800"),
      rdsItem("b-new", "manual", "completed", "2024-05-03T01:00:00+0800", "2024-05-03T01:10:00+0800"),
      rdsItem("b-inc", "incremental", "BUILDING", "2024-05-02T01:00:00+0800", "2024-05-02T01:10:00+0800"),
      rdsItem("b-frag", "fragment", "FAILED", "2024-05-02T00:00:00+0800", "bad"),
      rdsItem("b-x", "weird", "SOMETHING", "2024-04-01T00:00:00+0800", "2024-04-01T00:01:00+0800"),
    ];
    const { fetch, urls } = fakeCloud((url) => {
      const offset = Number(url.searchParams.get("offset"));
      return json({ backups: items.slice(offset, offset + 3), total_count: items.length });
    });
    const records = await listBackups(base("otc-rds", fetch));
    expect(urls.map((u) => u.pathname + u.search)).toEqual([
      "/v3/0123456789abcdef0123456789abcdef/backups?instance_id=inst-1&limit=100&offset=0",
      "/v3/0123456789abcdef0123456789abcdef/backups?instance_id=inst-1&limit=100&offset=3",
    ]);
    expect(records.map((r) => r.id)).toEqual(["b-new", "b-inc", "b-frag", "b-old", "b-x"]);
    expect(records[0]).toEqual({
      api: "otc-rds",
      id: "b-new",
      instanceId: "inst-1",
      name: "n-b-new",
      type: "full",
      status: "completed",
      startedAt: new Date("2024-05-02T17:00:00Z"),
      finishedAt: new Date("2024-05-02T17:10:00Z"),
      sizeBytes: 10240,
      engine: "MySQL",
      downloadable: true,
      raw: { type: "manual", status: "completed", startedAt: "2024-05-03T01:00:00+0800", finishedAt: "2024-05-03T01:10:00+0800" },
    } satisfies BackupRecord);
    expect(records.map((r) => [r.type, r.status, r.downloadable])).toEqual([
      ["full", "completed", true],
      ["incremental", "running", false],
      ["differential", "failed", false],
      ["full", "completed", true],
      ["unknown", "unknown", false],
    ]);
    expect(records[4]!.raw).toEqual({ type: "weird", status: "SOMETHING", startedAt: "2024-04-01T00:00:00+0800", finishedAt: "2024-04-01T00:01:00+0800" });
  });

  it("DDS: UTC times, DISABLED is deleting, items of other instances are dropped, --type and --since filter", async () => {
    const item = (id: string, instance: string, type: string, status: string, begin: string) => ({
      id, instance_id: instance, type, status, begin_time: begin, end_time: begin, size: 1, datastore: { type: "DDS-Community", version: "4.0" },
    });
    const { fetch } = fakeCloud(() =>
      json({
        backups: [
          item("d1", "inst-1", "Auto", "COMPLETED", "2024-05-01 10:00:00"),
          item("d2", "inst-1", "Manual", "DISABLED", "2024-05-02 10:00:00"),
          item("d3", "other", "Manual", "COMPLETED", "2024-05-03 10:00:00"),
          item("d4", "inst-1", "Incremental", "COMPLETED", "2024-05-04 10:00:00"),
        ],
        total_count: 4,
      }),
    );
    const all = await listBackups(base("otc-dds", fetch));
    expect(all.map((r) => [r.id, r.type, r.status, r.startedAt?.toISOString()])).toEqual([
      ["d4", "incremental", "completed", "2024-05-04T10:00:00.000Z"],
      ["d2", "full", "deleting", "2024-05-02T10:00:00.000Z"],
      ["d1", "full", "completed", "2024-05-01T10:00:00.000Z"],
    ]);
    expect((await listBackups({ ...base("otc-dds", fetch), type: "full", since: "2024-05-02" })).map((r) => r.id)).toEqual(["d2"]);
  });

  it("DCS: a 204 is an empty list", async () => {
    const { fetch, urls } = fakeCloud(() => new Response(null, { status: 204 }));
    expect(await listBackups(base("huaweicloud-dcs", fetch))).toEqual([]);
    expect(urls.map((u) => u.pathname + u.search)).toEqual(["/v2/0123456789abcdef0123456789abcdef/instances/inst-1/backups?offset=0"]);
  });

  it("JD Cloud: more than one page, zone-less times read as UTC+8, SQL Server files kept", async () => {
    const jd = (n: number) => ({
      backupId: `j${n}`,
      instanceId: "mysql-wp4e9ztap2",
      backupStatus: n === 0 ? "ERROR" : "COMPLETED",
      backupStartTime: `2024-05-${String(10 + (n % 20)).padStart(2, "0")}T0${n % 10}:00:00`,
      backupSizeByte: 100 + n,
      engine: "SQL Server",
      backupType: n % 2 === 0 ? "full" : "diff",
      backupFiles: [`db${n}.bak`],
    });
    const all = Array.from({ length: 150 }, (_, n) => jd(n));
    const { fetch, urls } = fakeCloud((url) => {
      const page = Math.min(Number(url.searchParams.get("pageNumber")), 2);
      return json({ requestId: "r", result: { backup: all.slice((page - 1) * 100, page * 100), totalCount: 150 } });
    });
    const records = await listBackups(base("jdcloud-rds", fetch));
    expect(urls.map((u) => u.searchParams.get("pageNumber"))).toEqual(["1", "2"]);
    expect(records).toHaveLength(150);
    const j3 = records.find((r) => r.id === "j3")!;
    expect(j3).toMatchObject({ type: "incremental", status: "completed", engine: "SQL Server", files: ["db3.bak"], sizeBytes: 103, downloadable: true });
    expect(j3.startedAt?.toISOString()).toBe("2024-05-12T19:00:00.000Z");
    expect(records.find((r) => r.id === "j0")).toMatchObject({ status: "failed", downloadable: false });
  });

  it("JD Cloud: a server repeating the same page forever is stopped with PagingError", async () => {
    const page = Array.from({ length: 100 }, (_, n) => ({ backupId: `j${n}`, backupStatus: "COMPLETED" }));
    const { fetch, urls } = fakeCloud(() => json({ result: { backup: page } }));
    await expect(listBackups(base("jdcloud-rds", fetch))).rejects.toBeInstanceOf(PagingError);
    expect(urls).toHaveLength(2);
  });

  it.each([
    ["no instance id", { instanceId: undefined }, "instanceId"],
    ["an unknown type", { type: "weekly" }, "type"],
    ["since that is not a date", { since: "last tuesday" }, "since"],
    ["since as an impossible date", { since: "2024-02-30" }, "since"],
  ])("refuses %s before any request", async (_name, extra, field) => {
    const { fetch, urls } = fakeCloud(() => json({}));
    const error = await listBackups({ ...base("otc-rds", fetch), ...extra } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(urls).toHaveLength(0);
  });
});

describe("findLatestBackup", () => {
  it("picks the newest completed, downloadable full backup, past newer running and failed ones; ties by startedAt then id", async () => {
    const items = [
      rdsItem("running", "manual", "BUILDING", "2024-05-09T00:00:00+0000", "2024-05-09T01:00:00+0000"),
      rdsItem("failed", "auto", "FAILED", "2024-05-08T00:00:00+0000", "2024-05-08T01:00:00+0000"),
      rdsItem("inc", "incremental", "COMPLETED", "2024-05-07T00:00:00+0000", "2024-05-07T05:00:00+0000"),
      rdsItem("a", "auto", "COMPLETED", "2024-05-07T00:00:00+0000", "2024-05-07T02:00:00+0000"),
      rdsItem("c", "auto", "COMPLETED", "2024-05-07T00:30:00+0000", "2024-05-07T02:00:00+0000"),
      rdsItem("b", "manual", "COMPLETED", "2024-05-07T00:30:00+0000", "2024-05-07T02:00:00+0000"),
    ];
    const { fetch } = fakeCloud(() => json({ backups: items, total_count: items.length }));
    expect((await findLatestBackup(base("huaweicloud-rds", fetch))).id).toBe("c");
    expect((await findLatestBackup({ ...base("huaweicloud-rds", fetch), type: "incremental" })).id).toBe("inc");
  });

  it("says how many backups it saw and in which states when none qualifies", async () => {
    const items = [
      rdsItem("f1", "auto", "FAILED", "2024-05-01T00:00:00+0000", "2024-05-01T00:00:00+0000"),
      rdsItem("f2", "auto", "FAILED", "2024-05-02T00:00:00+0000", "2024-05-02T00:00:00+0000"),
      rdsItem("r1", "manual", "BUILDING", "2024-05-03T00:00:00+0000", "2024-05-03T00:00:00+0000"),
    ];
    const { fetch } = fakeCloud(() => json({ backups: items, total_count: 3 }));
    const error = await findLatestBackup(base("otc-rds", fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoDownloadableBackupError);
    expect((error as Error).message).toBe("no downloadable full backup of instance inst-1 among 3 backups (2 failed, 1 running)");
    expect(error).toMatchObject({ api: "otc-rds", instanceId: "inst-1", type: "full", seen: 3, states: { failed: 2, running: 1 } });
  });

  it("asks the server for incremental backups where it can filter them (RDS, Huawei Cloud DDS), never OTC DDS", async () => {
    const { fetch, urls } = fakeCloud(() => json({ backups: [], total_count: 0 }));
    for (const api of ["otc-rds", "huaweicloud-dds", "otc-dds"] as const) {
      await expect(findLatestBackup({ ...base(api, fetch), type: "incremental" })).rejects.toBeInstanceOf(NoDownloadableBackupError);
    }
    expect(urls.map((u) => u.searchParams.get("backup_type"))).toEqual(["incremental", "Incremental", null]);
    await expect(findLatestBackup({ ...base("otc-rds", fetch), type: "differential" })).rejects.toThrow(
      "no downloadable differential backup of instance inst-1: otc-rds lists no backups for it",
    );
    expect(urls.at(-1)!.searchParams.get("backup_type")).toBe("fragment");
  });

  it("an empty list (DCS 204) gives a clear error", async () => {
    const { fetch } = fakeCloud(() => new Response(null, { status: 204 }));
    await expect(findLatestBackup(base("otc-dcs", fetch))).rejects.toThrow(
      new NoDownloadableBackupError("otc-dcs", "inst-1", "full", []),
    );
    expect(new NoDownloadableBackupError("otc-dcs", "inst-1", "full", []).message).toBe(
      "no downloadable full backup of instance inst-1: otc-dcs lists no backups for it",
    );
  });
});

describe("getBackupLinks({ latest })", () => {
  it("RDS: picks the latest, reports it, and asks for its links without the instance id", async () => {
    const items = [rdsItem("b1", "auto", "COMPLETED", "2024-05-01T00:00:00+0000", "2024-05-01T00:10:00+0000")];
    const { fetch, urls } = fakeCloud((url) =>
      url.pathname.endsWith("/backups")
        ? json({ backups: items, total_count: 1 })
        : json({ files: [{ name: "f.qp", size: 1, download_link: "https://obs.example/f.qp?sig=x", link_expired_time: "2024-05-01T10:00:00+0800" }], bucket: "b" }),
    );
    const picked: BackupRecord[] = [];
    const links = await getBackupLinks({ ...base("otc-rds", fetch), latest: true, onBackupPicked: (b) => picked.push(b) });
    expect(picked.map((b) => b.id)).toEqual(["b1"]);
    expect(links.backup?.id).toBe("b1");
    expect(links.files.map((f) => f.name)).toEqual(["f.qp"]);
    expect(urls[1]!.pathname + urls[1]!.search).toBe("/v3/0123456789abcdef0123456789abcdef/backup-files?backup_id=b1");
  });

  it("JD Cloud SQL Server: one link per file of the picked backup", async () => {
    const backup = { backupId: "sq1", instanceId: "mysql-wp4e9ztap2", backupStatus: "COMPLETED", engine: "SQL Server", backupType: "full", backupStartTime: "2024-05-01 10:00:00", backupFiles: ["a.bak", "b.bak"] };
    const { fetch, urls } = fakeCloud((url) =>
      url.pathname.endsWith("/backups")
        ? json({ result: { backup: [backup], totalCount: 1 } })
        : json({ result: { publicURL: `https://jd.example/${url.searchParams.get("fileName")}?sig=1`, internalURL: "" } }),
    );
    const links = await getBackupLinks({ ...base("jdcloud-rds", fetch), latest: true });
    expect(links.files.map((f) => f.name)).toEqual(["a.bak", "b.bak"]);
    expect(urls.slice(1).map((u) => u.searchParams.get("fileName"))).toEqual(["a.bak", "b.bak"]);
  });

  it.each([
    ["latest with a backup id", { latest: true, backupId: "b1" }, "backupId"],
    ["latest without an instance id", { latest: true, instanceId: undefined }, "instanceId"],
    ["a type without latest", { backupId: "b1", instanceId: undefined, type: "full" }, "type"],
    ["latest that is not a boolean", { latest: "yes" }, "latest"],
  ])("refuses %s before any request", async (_name, extra, field) => {
    const { fetch, urls } = fakeCloud(() => json({}));
    await expect(getBackupLinks({ ...base("otc-rds", fetch), ...extra } as never)).rejects.toMatchObject({ name: "ValidationError", field });
    expect(urls).toHaveLength(0);
  });
});

describe("a listed item without an id", () => {
  it("is never downloadable: no vendor guarantees the id, and links cannot be asked for without one", async () => {
    const { toBackupRecord } = await import("../src/backups/record.js");
    expect(toBackupRecord("jdcloud-rds", { backupStatus: "COMPLETED", backupStartTime: "2020-01-07T15:14:07" })).toMatchObject({ id: "", status: "completed", downloadable: false });
    expect(toBackupRecord("otc-dcs", { status: "succeed" })).toMatchObject({ id: "", status: "completed", downloadable: false });
    expect(toBackupRecord("otc-rds", { status: "COMPLETED", type: "auto" })).toMatchObject({ id: "", status: "completed", downloadable: false });
    expect(toBackupRecord("otc-rds", { id: "b1", status: "COMPLETED", type: "auto" })).toMatchObject({ id: "b1", downloadable: true });
  });
});
