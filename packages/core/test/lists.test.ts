// The list operations of the client kit, against an injected fetch: exact URLs and query encoding, signatures a
// gateway would recompute from the wire, input checks before any request, paging and its stop rules.
import { describe, expect, it } from "vitest";
import {
  clientIdentity,
  createDcsClient,
  createDdsClient,
  createRdsClient,
  defineClient,
  jdCloudListMethods,
  walkPages,
  PagingError,
  type BackupListMethods,
  type DcsListPaths,
  type DcsPaths,
  type DdsListPaths,
  type DdsPaths,
  type JdCloudListPaths,
  type RdsListPaths,
  type RdsPaths,
} from "../src/client/index.js";
import { HUAWEICLOUD_DDS, JDCLOUD_RDS, OTC_DCS, OTC_DDS, OTC_RDS, ValidationError } from "../src/index.js";
import { recordingFetch, referenceJdCloud2, referenceSdkHmac } from "./helpers/reference-signers.js";

const AK = "AKTESTEXAMPLE00000001";
const SK = "SKsecretMustNotLeak0123456789abcdefABCDEF";
const credentials = { accessKey: AK, secretKey: SK };
const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

type AnyList = BackupListMethods<unknown, unknown, Record<string, unknown>>;
const rds = (fetch: unknown) =>
  createRdsClient<RdsPaths & RdsListPaths>(clientIdentity(OTC_RDS, "0.1.0"), { region: "eu-de", projectId: PROJECT, credentials, fetch }) as unknown as AnyList;
const dds = (fetch: unknown, profile = OTC_DDS) =>
  createDdsClient<DdsPaths & DdsListPaths>(clientIdentity(profile, "0.1.0"), { region: profile === OTC_DDS ? "eu-de" : "ap-southeast-1", projectId: PROJECT, credentials, fetch }) as unknown as AnyList;
const dcs = (fetch: unknown) =>
  createDcsClient<DcsPaths & DcsListPaths>(clientIdentity(OTC_DCS, "0.1.0"), { region: "eu-de", projectId: PROJECT, credentials, fetch }) as unknown as AnyList;
const jd = (fetch: unknown) =>
  defineClient<JdCloudListPaths, JdCloudListPaths, AnyList>(clientIdentity(JDCLOUD_RDS, "0.1.0"), { region: "cn-north-1", credentials, fetch }, (raw, _projectId, region) => ({
    getBackupDownloadLinks: async () => undefined,
    ...jdCloudListMethods("jdcloud-rds", raw, region as string),
  }));

const collect = async <T>(pages: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
};

const RDS_ITEM = {
  id: "43e4feaab48f11e89039fa163ebaa7e4br01",
  instance_id: "a48e43ff268f4c0e879652d65e63d0fbin01",
  name: "xxxx.xxx",
  type: "auto",
  size: 2803,
  status: "COMPLETED",
  begin_time: "2018-08-06T12:41:14+0800",
  end_time: "2018-08-06T12:43:14+0800",
  datastore: { type: "MySQL", version: "8.0" },
};

describe("RDS listBackups", () => {
  it("sends the documented query, times with %2B and %3A, signed as the gateway recomputes it from the wire", async () => {
    const { fetch, calls } = recordingFetch(() => json({ backups: [RDS_ITEM], total_count: 1 }));
    const page = await rds(fetch).listBackups({
      instanceId: "a48e43ff268f4c0e879652d65e63d0fbin01",
      backupType: "AUTO",
      offset: 0,
      limit: 10,
      since: "2018-08-06T10:41:14+0800",
      until: new Date("2018-08-16T02:41:14Z"),
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(
      `https://rds.eu-de.otc.t-systems.com/v3/${PROJECT}/backups?instance_id=a48e43ff268f4c0e879652d65e63d0fbin01&backup_type=auto` +
        "&begin_time=2018-08-06T10%3A41%3A14%2B0800&end_time=2018-08-16T02%3A41%3A14%2B0000&limit=10&offset=0",
    );
    expect(calls[0]!.headers.get("authorization")).toBe(referenceSdkHmac(calls[0]!, AK, SK));
    expect(page).toEqual({
      backups: [{ ...RDS_ITEM, startedAt: new Date("2018-08-06T04:41:14Z"), finishedAt: new Date("2018-08-06T04:43:14Z"), sizeBytes: 2803 * 1024 }],
      total_count: 1,
      requestId: undefined,
    });
  });

  it("reads unparseable times (the OTC PostgreSQL example) as undefined, never a throw", async () => {
    const bad = { ...RDS_ITEM, begin_time: "2018 - 08 - 06 T12: 41: 14 + 0800", end_time: "2018-08-06T12:43:14", size: "2803" };
    const { fetch } = recordingFetch(() => json({ backups: [bad], total_count: 1 }));
    const page = await rds(fetch).listBackups({ instanceId: "i1" });
    expect((page.backups as unknown[])[0]).toEqual({ ...bad, startedAt: undefined, finishedAt: undefined, sizeBytes: undefined });
  });

  it.each([
    ["no input", undefined, "input"],
    ["no instanceId", {}, "instanceId"],
    ["instanceId with a space", { instanceId: "a b" }, "instanceId"],
    ["limit 0", { instanceId: "i", limit: 0 }, "limit"],
    ["limit 101", { instanceId: "i", limit: 101 }, "limit"],
    ["limit 1.5", { instanceId: "i", limit: 1.5 }, "limit"],
    ["offset -1", { instanceId: "i", offset: -1 }, "offset"],
    ["offset as a string", { instanceId: "i", offset: "0" }, "offset"],
    ["unknown backupType", { instanceId: "i", backupType: "full" }, "backupType"],
    ["since without until", { instanceId: "i", since: new Date("2024-01-01T00:00:00Z") }, "until"],
    ["until without since", { instanceId: "i", until: new Date("2024-01-01T00:00:00Z") }, "since"],
    ["since after until", { instanceId: "i", since: new Date("2024-01-02T00:00:00Z"), until: new Date("2024-01-01T00:00:00Z") }, "until"],
    ["since equal to until", { instanceId: "i", since: "2024-01-01T08:00:00+0800", until: new Date("2024-01-01T00:00:00Z") }, "until"],
    ["since in the DDS format", { instanceId: "i", since: "2024-01-01 00:00:00", until: "2024-01-02T00:00:00+0000" }, "since"],
    ["since with a colon offset", { instanceId: "i", since: "2024-01-01T00:00:00+08:00", until: "2024-01-02T00:00:00+0000" }, "since"],
    ["an impossible date", { instanceId: "i", since: "2024-02-30T00:00:00+0000", until: "2024-03-02T00:00:00+0000" }, "since"],
    ["an invalid Date", { instanceId: "i", since: new Date(Number.NaN), until: new Date() }, "since"],
    ["a Date past 9999", { instanceId: "i", since: new Date("2024-01-01T00:00:00Z"), until: new Date("+010000-01-01T00:00:00Z") }, "until"],
  ])("refuses %s before any request", async (_name, input, field) => {
    const { fetch, calls } = recordingFetch(() => json({ backups: [], total_count: 0 }));
    const error = await rds(fetch).listBackups(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(calls).toHaveLength(0);
  });

  it("listAllBackups reads every page by item offset with limit 100 until total_count, from a given offset too", async () => {
    const items = Array.from({ length: 130 }, (_, i) => ({ ...RDS_ITEM, id: `b${i}` }));
    const { fetch, calls } = recordingFetch((req) => {
      const query = new URL(req.url).searchParams;
      const offset = Number(query.get("offset"));
      return json({ backups: items.slice(offset, offset + Number(query.get("limit"))), total_count: 130 });
    });
    const client = rds(fetch);
    const pages = await collect(client.listAllBackups({ instanceId: "i1" }));
    expect(pages.map((p) => (p.backups as unknown[]).length)).toEqual([100, 30]);
    expect(calls.map((c) => new URL(c.url).search)).toEqual(["?instance_id=i1&limit=100&offset=0", "?instance_id=i1&limit=100&offset=100"]);
    const rest = await collect(client.listAllBackups({ instanceId: "i1", offset: 120, limit: 5 }));
    expect(rest.map((p) => (p.backups as unknown[]).length)).toEqual([5, 5]);
    expect(calls.slice(2).map((c) => new URL(c.url).search)).toEqual(["?instance_id=i1&limit=5&offset=120", "?instance_id=i1&limit=5&offset=125"]);
    expect(() => client.listAllBackups({ instanceId: "i1", offset: -1 })).toThrow(new ValidationError("offset", "must be an integer from 0 to 2147483647"));
    expect(calls).toHaveLength(4);
  });

  it("listAllBackups: an empty list is one empty page; a missing total ends at the first empty page", async () => {
    const empty = recordingFetch(() => json({ backups: [], total_count: 0 }));
    expect(await collect(rds(empty.fetch).listAllBackups({ instanceId: "i1" }))).toEqual([{ backups: [], total_count: 0, requestId: undefined }]);
    const noTotal = recordingFetch((_req, i) => json({ backups: i === 0 ? [RDS_ITEM] : [] }));
    expect((await collect(rds(noTotal.fetch).listAllBackups({ instanceId: "i1" }))).length).toBe(2);
    expect(new URL(noTotal.calls[1]!.url).searchParams.get("offset")).toBe("1");
  });

  it("listAllBackups stops with PagingError when the server ignores the offset and serves the same page again", async () => {
    const { fetch, calls } = recordingFetch(() => json({ backups: [RDS_ITEM], total_count: 5 }));
    const error = await collect(rds(fetch).listAllBackups({ instanceId: "i1" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PagingError);
    expect((error as Error).message).toBe("otc-rds: stopped listing after 2 pages: page 2 repeats an earlier page");
    expect(calls).toHaveLength(2);
  });
});

describe("DDS listBackups", () => {
  it("sends UTC times with %20 for the space, the documented backup_type casing, and parses zone-less times as UTC", async () => {
    const item = { id: "b1", instance_id: "i1", type: "Manual", status: "COMPLETED", begin_time: "2018-08-06 12:41:14", end_time: "2018-08-06 12:43:14", size: 1 };
    const { fetch, calls } = recordingFetch(() => json({ backups: [item], total_count: 1 }));
    const page = await dds(fetch).listBackups({ instanceId: "i1", backupType: "manual", since: new Date("2018-08-06T10:41:14Z"), until: "2018-08-16 10:41:14" });
    expect(calls[0]!.url).toBe(
      `https://dds.eu-de.otc.t-systems.com/v3/${PROJECT}/backups?instance_id=i1&backup_type=Manual&begin_time=2018-08-06%2010%3A41%3A14&end_time=2018-08-16%2010%3A41%3A14`,
    );
    expect(calls[0]!.headers.get("authorization")).toBe(referenceSdkHmac(calls[0]!, AK, SK));
    expect((page.backups as unknown[])[0]).toEqual({ ...item, startedAt: new Date("2018-08-06T12:41:14Z"), finishedAt: new Date("2018-08-06T12:43:14Z"), sizeBytes: 1024 });
  });

  it("takes Incremental on Huawei Cloud only", async () => {
    const { fetch, calls } = recordingFetch(() => json({ backups: [], total_count: 0 }));
    await expect(dds(fetch).listBackups({ instanceId: "i1", backupType: "Incremental" })).rejects.toThrow(
      new ValidationError("backupType", "must be one of Auto, Manual"),
    );
    await dds(fetch, HUAWEICLOUD_DDS).listBackups({ instanceId: "i1", backupType: "INCREMENTAL" });
    expect(new URL(calls[0]!.url).searchParams.get("backup_type")).toBe("Incremental");
  });
});

describe("DCS listBackups", () => {
  const ITEM = {
    backup_id: "4631832a-14c6-45b0-a0b3-3abd8f591ad1",
    instance_id: "5560df16-cebf-4473-95c4-d1b573c16e79",
    backup_type: "manual",
    created_at: "2019-05-10T08:31:16.166Z",
    updated_at: "2019-05-10 08:32:30",
    size: 880232,
    status: "succeed",
    period: {},
    error_code: {},
  };

  it("puts the instance in the path, compact UTC times in the query, and reads sizes in bytes", async () => {
    const { fetch, calls } = recordingFetch(() => json({ total_num: 1, backup_record_response: [ITEM] }));
    const page = await dcs(fetch).listBackups({ instanceId: "5560df16-cebf-4473-95c4-d1b573c16e79", since: new Date("2019-05-10T00:00:00Z"), offset: 0, limit: 1000 });
    expect(calls[0]!.url).toBe(
      `https://dcs.eu-de.otc.t-systems.com/v2/${PROJECT}/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups?begin_time=20190510000000&limit=1000&offset=0`,
    );
    expect(calls[0]!.headers.get("authorization")).toBe(referenceSdkHmac(calls[0]!, AK, SK));
    expect(page).toEqual({
      total_num: 1,
      backup_record_response: [{ ...ITEM, startedAt: new Date("2019-05-10T08:31:16.166Z"), finishedAt: new Date("2019-05-10T08:32:30Z"), sizeBytes: 880232 }],
      requestId: undefined,
    });
  });

  it("reads the documented 204 (no backups) as an empty page, and listAllBackups ends there", async () => {
    const { fetch, calls } = recordingFetch(() => new Response(null, { status: 204, headers: { "X-Request-Id": "r204" } }));
    expect(await dcs(fetch).listBackups({ instanceId: "i1" })).toEqual({ backup_record_response: [], requestId: "r204" });
    expect((await collect(dcs(fetch).listAllBackups({ instanceId: "i1" }))).length).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it("listAllBackups leaves the page size to the server unless given, and stops when total_num is reached", async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ ...ITEM, backup_id: `b${i}` }));
    const { fetch, calls } = recordingFetch((req) => {
      const offset = Number(new URL(req.url).searchParams.get("offset"));
      return json({ total_num: 12, backup_record_response: items.slice(offset, offset + 10) });
    });
    const pages = await collect(dcs(fetch).listAllBackups({ instanceId: "i1" }));
    expect(pages.map((p) => (p.backup_record_response as unknown[]).length)).toEqual([10, 2]);
    expect(calls.map((c) => new URL(c.url).search)).toEqual(["?offset=0", "?offset=10"]);
  });

  it.each([
    ["limit 1001", { instanceId: "i", limit: 1001 }, "limit"],
    ["an instance id with /", { instanceId: "a/b" }, "instanceId"],
    ["since in the RDS format", { instanceId: "i", since: "2019-05-10T00:00:00+0000" }, "since"],
    ["until not after since", { instanceId: "i", since: "20190510000000", until: "20190509000000" }, "until"],
  ])("refuses %s before any request", async (_name, input, field) => {
    const { fetch, calls } = recordingFetch(() => json({}));
    await expect(dcs(fetch).listBackups(input)).rejects.toMatchObject({ name: "ValidationError", field });
    expect(calls).toHaveLength(0);
  });
});

describe("JD Cloud listBackups", () => {
  const ITEM = { backupId: "0313e588", backupStatus: "COMPLETED", backupStartTime: "2020-01-07T15:14:07", backupEndTime: "2020-01-07 15:20:00", backupSizeByte: 15167776 };

  it("sends instanceId, pageNumber and pageSize, JDCLOUD2-signed, and reads zone-less times as Beijing time (UTC+8)", async () => {
    const { fetch, calls } = recordingFetch(() => json({ requestId: "req-1", result: { backup: [ITEM], totalCount: 1 } }));
    const page = await jd(fetch).listBackups({ instanceId: "mysql-wp4e9ztap2", pageNumber: 2, pageSize: 50 });
    expect(calls[0]!.url).toBe("https://rds.jdcloud-api.com/v1/regions/cn-north-1/backups?instanceId=mysql-wp4e9ztap2&pageNumber=2&pageSize=50");
    expect(calls[0]!.headers.get("authorization")).toBe(referenceJdCloud2(calls[0]!, AK, SK, "cn-north-1", "rds"));
    expect(page).toEqual({
      requestId: "req-1",
      totalCount: 1,
      backup: [{ ...ITEM, startedAt: new Date("2020-01-07T07:14:07Z"), finishedAt: new Date("2020-01-07T07:20:00Z"), sizeBytes: 15167776 }],
    });
  });

  it("listAllBackups asks for pages 1..n and stops at pageNumber * pageSize >= totalCount (JD repeats the last page past the end)", async () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ ...ITEM, backupId: `b${i}` }));
    const { fetch, calls } = recordingFetch((req) => {
      const n = Math.min(Number(new URL(req.url).searchParams.get("pageNumber")), 3); // past the end: the last page again
      return json({ result: { backup: items.slice((n - 1) * 10, n * 10), totalCount: 25 } });
    });
    const pages = await collect(jd(fetch).listAllBackups({ instanceId: "i1", pageSize: 10 }));
    expect(pages.map((p) => (p.backup as unknown[]).length)).toEqual([10, 10, 5]);
    expect(calls.map((c) => new URL(c.url).searchParams.get("pageNumber"))).toEqual(["1", "2", "3"]);
  });

  it("stops with PagingError when a server without totalCount repeats its last full page forever", async () => {
    const full = Array.from({ length: 10 }, (_, i) => ({ ...ITEM, backupId: `b${i}` }));
    const { fetch, calls } = recordingFetch(() => json({ result: { backup: full } }));
    await expect(collect(jd(fetch).listAllBackups({ instanceId: "i1", pageSize: 10 }))).rejects.toThrow(
      new PagingError("jdcloud-rds", 2, "page 2 repeats an earlier page"),
    );
    expect(calls).toHaveLength(2);
  });

  it.each([
    ["pageSize 5", { instanceId: "i", pageSize: 5 }, "pageSize"],
    ["pageSize 15", { instanceId: "i", pageSize: 15 }, "pageSize"],
    ["pageSize 110", { instanceId: "i", pageSize: 110 }, "pageSize"],
    ["pageNumber 0", { instanceId: "i", pageNumber: 0 }, "pageNumber"],
    ["pageNumber -1", { instanceId: "i", pageNumber: -1 }, "pageNumber"],
    ["no instanceId", { pageNumber: 1 }, "instanceId"],
  ])("refuses %s before any request", async (_name, input, field) => {
    const { fetch, calls } = recordingFetch(() => json({}));
    await expect(jd(fetch).listBackups(input)).rejects.toMatchObject({ name: "ValidationError", field });
    expect(calls).toHaveLength(0);
  });
});

describe("walkPages", () => {
  it("stops with PagingError after maxPages pages that never end", async () => {
    let n = 0;
    const pages = walkPages("otc-dcs", 0, async () => [n++], (page) => page, (_page, position) => position + 1, 3);
    await expect(collect(pages)).rejects.toThrow(new PagingError("otc-dcs", 3, "the list did not end"));
    expect(n).toBe(3);
  });
});
