import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestSigner, type ApiId } from "@backup-links/core";
import { DEFAULT_MOCK_ACCOUNT, DEFAULT_MOCK_TOKEN, startMockCloud, type MockCloud } from "../dist/index.js";
import { parseRange } from "../dist/cloud/index.js";
import { parseCliArgs } from "../dist/cli.js";

const ANCHOR = new Date("2026-12-02T03:15:00Z");
let cloud: MockCloud;

beforeAll(async () => {
  cloud = await startMockCloud({ seed: "test-seed", anchor: ANCHOR, fileSize: 10_000 });
});
afterAll(() => cloud?.stop());

const providerOf = (api: ApiId) => (api.startsWith("otc") ? "otc" : api.startsWith("huawei") ? "huaweicloud" : "jdcloud") as "otc" | "huaweicloud" | "jdcloud";

/** A request signed by core's signer, as a client sends it. */
async function call(
  api: ApiId,
  path: string,
  init: { method?: string; body?: unknown; credentials?: { accessKey: string; secretKey: string } | { token: string } } = {},
): Promise<{ status: number; body: any; text: string }> {
  const sign = createRequestSigner({
    provider: providerOf(api),
    credentials: init.credentials ?? DEFAULT_MOCK_ACCOUNT,
    ...(api === "jdcloud-rds" ? { region: "cn-north-1" } : {}),
  });
  const request = new Request(`${cloud.urls[api]}${path}`, {
    method: init.method ?? "GET",
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body), headers: { "Content-Type": "application/json;charset=UTF-8" } }),
  });
  const response = await fetch(await sign(request));
  const text = await response.text();
  return { status: response.status, text, body: text === "" ? undefined : JSON.parse(text) };
}

const project = () => cloud.projectId;

describe("mock cloud: list operations in each vendor's format", () => {
  it("RDS: offset/limit paging, total_count, +0800 times, sizes in KB, oldest first", async () => {
    const main = cloud.instance("otc-rds");
    const first = await call("otc-rds", `/v3/${project()}/backups?instance_id=${main.id}&offset=0&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.total_count).toBe(6);
    expect(first.body.backups).toHaveLength(2);
    const [oldest] = first.body.backups;
    const backup = main.backups[0]!;
    expect(oldest).toEqual({
      id: backup.id,
      instance_id: main.id,
      name: backup.name,
      type: "auto",
      size: Math.round(backup.files.reduce((sum, file) => sum + file.size, 0) / 1024),
      status: "COMPLETED",
      begin_time: "2026-11-29T11:15:00+0800",
      end_time: expect.stringMatching(/^2026-11-29T11:1[78]:\d\d\+0800$/),
      datastore: { type: "MySQL", version: "8.0" },
    });
    const rest = await call("otc-rds", `/v3/${project()}/backups?instance_id=${main.id}&offset=2&limit=100`);
    expect(rest.body.backups.map((item: { status: string }) => item.status)).toEqual(["COMPLETED", "FAILED", "COMPLETED", "BUILDING"]);
    expect(rest.body.backups.map((item: { type: string }) => item.type)).toEqual(["incremental", "auto", "manual", "auto"]);
  });

  it("RDS: instance_id is required and limit is 1-100 (400 with a DBS error body)", async () => {
    expect(await call("huaweicloud-rds", `/v3/${project()}/backups`)).toMatchObject({ status: 400, body: { error_code: "DBS.280001" } });
    const main = cloud.instance("huaweicloud-rds");
    const tooMany = await call("huaweicloud-rds", `/v3/${project()}/backups?instance_id=${main.id}&limit=101`);
    expect(tooMany).toMatchObject({ status: 400, body: { error_code: "DBS.280001", error_msg: "limit must be an integer from 1 to 100." } });
  });

  it("DDS: UTC times without a zone, Huawei newest first with Auto/Manual, OTC lower-case", async () => {
    const huawei = await call("huaweicloud-dds", `/v3/${project()}/backups?instance_id=${cloud.instance("huaweicloud-dds").id}`);
    expect(huawei.body.total_count).toBe(5);
    expect(huawei.body.backups.map((item: { begin_time: string }) => item.begin_time)).toEqual([
      "2026-12-02 02:45:00",
      "2026-12-01 07:15:00",
      "2026-12-01 03:15:00",
      "2026-11-30 03:15:00",
      "2026-11-29 03:15:00",
    ]);
    expect(huawei.body.backups.map((item: { type: string }) => item.type)).toEqual(["Auto", "Manual", "Auto", "Auto", "Auto"]);
    const otc = await call("otc-dds", `/v3/${project()}/backups?instance_id=${cloud.instance("otc-dds").id}`);
    expect(otc.body.backups.map((item: { type: string }) => item.type)).toEqual(["auto", "auto", "auto", "manual", "auto"]);
    expect(otc.body.backups[0]).toMatchObject({ datastore: { type: "DDS-Community" }, instance_name: "main-otc-dds" });
  });

  it("DCS: default limit 10, succeed/backuping/failed words, sizes in bytes, 204 when there are none", async () => {
    const main = cloud.instance("otc-dcs");
    const list = await call("otc-dcs", `/v2/${project()}/instances/${main.id}/backups`);
    expect(list.status).toBe(200);
    expect(list.body.total_num).toBe(5);
    expect(list.body.backup_record_response.map((item: { status: string }) => item.status)).toEqual([
      "succeed",
      "succeed",
      "failed",
      "succeed",
      "backuping",
    ]);
    expect(list.body.backup_record_response[0]).toMatchObject({
      backup_id: main.backups[0]!.id,
      created_at: "2026-11-29T03:15:00.000Z",
      backup_name: "backup_20261129111500",
      size: main.backups[0]!.files[0]!.size,
      period: {},
      error_code: {},
      progress: "100.00",
      is_support_restore: "TRUE",
    });
    const page = await call("otc-dcs", `/v2/${project()}/instances/${main.id}/backups?offset=4&limit=10`);
    expect(page.body.backup_record_response).toHaveLength(1);
    const empty = await call("huaweicloud-dcs", `/v2/${project()}/instances/${cloud.instance("huaweicloud-dcs", "empty").id}/backups`);
    expect(empty).toEqual({ status: 204, body: undefined, text: "" });
    expect((await call("otc-dcs", `/v2/${project()}/instances/${main.id}/backups?limit=1001`)).status).toBe(400);
  });

  it("JD: newest first, zone-less Beijing times, and a page past the end repeats the last page", async () => {
    const main = cloud.instance("jdcloud-rds");
    const first = await call("jdcloud-rds", `/v1/regions/cn-north-1/backups?instanceId=${main.id}&pageNumber=1&pageSize=2`);
    expect(first.body.result.totalCount).toBe(5);
    expect(first.body.result.backup.map((item: { backupStartTime: string }) => item.backupStartTime)).toEqual([
      "2026-12-02T10:45:00",
      "2026-12-01T15:15:00",
    ]);
    expect(first.body.result.backup[0]).toMatchObject({ backupStatus: "BUILDING", engine: "MySQL", backupMode: "auto" });
    expect(first.body.result.backup[0]).not.toHaveProperty("backupEndTime");
    const last = await call("jdcloud-rds", `/v1/regions/cn-north-1/backups?instanceId=${main.id}&pageNumber=3&pageSize=2`);
    const past = await call("jdcloud-rds", `/v1/regions/cn-north-1/backups?instanceId=${main.id}&pageNumber=9&pageSize=2`);
    expect(last.body.result.backup).toHaveLength(1);
    expect(past.body.result.backup).toEqual(last.body.result.backup);
    const all = await call("jdcloud-rds", `/v1/regions/cn-north-1/backups?instanceId=${main.id}&pageNumber=-1&pageSize=10`);
    expect(all.body.result.backup).toHaveLength(5);
    expect((await call("jdcloud-rds", `/v1/regions/cn-north-1/backups?instanceId=${main.id}&pageNumber=1`)).status).toBe(400);
  });
});

describe("mock cloud: authentication with the independent verifiers", () => {
  it("refuses a wrong secret key, accepts the IAM token, refuses another token", async () => {
    const path = `/v3/${project()}/backups?instance_id=${cloud.instance("otc-rds").id}`;
    const wrong = await call("otc-rds", path, { credentials: { accessKey: DEFAULT_MOCK_ACCOUNT.accessKey, secretKey: "wrong" } });
    expect(wrong).toMatchObject({ status: 401, body: { error_code: "APIGW.0301" } });
    expect((await call("otc-rds", path, { credentials: { token: DEFAULT_MOCK_TOKEN } })).status).toBe(200);
    expect((await call("otc-rds", path, { credentials: { token: "other" } })).status).toBe(401);
    const jd = await call("jdcloud-rds", `/v1/regions/cn-north-1/backups?instanceId=x&pageNumber=1&pageSize=10`, {
      credentials: { accessKey: DEFAULT_MOCK_ACCOUNT.accessKey, secretKey: "wrong" },
    });
    expect(jd).toMatchObject({ status: 401, body: { error: { code: 401, status: "UNAUTHENTICATED" } } });
  });

  it("refuses an unsigned request and another project's path", async () => {
    const unsigned = await fetch(`${cloud.urls["otc-rds"]}/v3/${project()}/backups?instance_id=x`);
    expect(unsigned.status).toBe(401);
    expect((await call("otc-rds", `/v3/0123456789abcdef0123456789abcdef/backups?instance_id=x`)).status).toBe(403);
  });
});

describe("mock cloud: links that really download", () => {
  async function rdsLink(backupId: string): Promise<{ url: string; size: number; name: string }> {
    const answer = await call("otc-rds", `/v3/${project()}/backup-files?backup_id=${backupId}`);
    expect(answer.status).toBe(200);
    const [file] = answer.body.files;
    return { url: file.download_link, size: file.size, name: file.name };
  }

  it("serves the seeded bytes with ETag = MD5, and Range / If-Match / 416 like OBS", async () => {
    const backup = cloud.instance("otc-rds").backups[0]!;
    const link = await rdsLink(backup.id);
    const content = cloud.fileContent("otc-rds", backup.id, link.name);
    expect(link.size).toBe(Math.round(content.size / 1024));
    const whole = await fetch(link.url);
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(whole.status).toBe(200);
    expect(bytes.equals(content.bytes())).toBe(true);
    expect(whole.headers.get("etag")).toBe(`"${createHash("md5").update(bytes).digest("hex")}"`);
    expect(whole.headers.get("last-modified")).toBe(new Date(backup.finishedAt!).toUTCString());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(content.sha256());

    const part = await fetch(link.url, { headers: { Range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${content.size}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(content.bytes().subarray(100, 200))).toBe(true);

    const beyond = await fetch(link.url, { headers: { Range: `bytes=${content.size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${content.size}`);
    await beyond.text();

    const pinned = await fetch(link.url, { headers: { Range: "bytes=0-9", "If-Match": '"0123456789abcdef0123456789abcdef"' } });
    expect(pinned.status).toBe(412);
    await pinned.text();
    const head = await fetch(link.url, { method: "HEAD" });
    expect(head.status).toBe(403);
  });

  it("parses ranges the way OBS documents them", () => {
    expect(parseRange("bytes=0-0", 10)).toEqual([0, 0]);
    expect(parseRange("bytes=5-", 10)).toEqual([5, 9]);
    expect(parseRange("bytes=-3", 10)).toEqual([7, 9]);
    expect(parseRange("bytes=2-100", 10)).toEqual([2, 9]);
    expect(parseRange("bytes=10-", 10)).toBe("unsatisfiable");
    expect(parseRange("bytes=5-2", 10)).toBeUndefined();
    expect(parseRange("bytes=0-1,4-5", 10)).toBeUndefined();
  });

  it("an expired link gets 403 with an OBS XML error; a fresh one works", async () => {
    const backup = cloud.instance("otc-rds").backups[1]!;
    const link = await rdsLink(backup.id);
    cloud.revokeLinks();
    const refused = await fetch(link.url);
    expect(refused.status).toBe(403);
    const xml = await refused.text();
    expect(xml).toContain("<Code>AccessDenied</Code><Message>Request has expired</Message>");
    const fresh = await rdsLink(backup.id);
    expect((await fetch(fresh.url)).status).toBe(200);
    const forged = await fetch(fresh.url.replace(/Signature=[^&]+/, "Signature=forged"));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
  });

  it("DCS links live for the expiration asked for; a running backup has none", async () => {
    const main = cloud.instance("huaweicloud-dcs");
    const done = main.backups[0]!;
    const answer = await call("huaweicloud-dcs", `/v2/${project()}/instances/${main.id}/backups/${done.id}/links`, {
      method: "POST",
      body: { expiration: 300 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.links).toEqual([{ file_name: done.files[0]!.name, link: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/obs\//) }]);
    const expires = Number(new URL(answer.body.links[0].link).searchParams.get("Expires"));
    expect(expires - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(299);
    expect(expires - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(300);
    const running = main.backups.find((backup) => backup.status === "running")!;
    const refused = await call("huaweicloud-dcs", `/v2/${project()}/instances/${main.id}/backups/${running.id}/links`, {
      method: "POST",
      body: { expiration: 300 },
    });
    expect(refused).toMatchObject({ status: 400, body: { error_code: "111400065" } });
    const bad = await call("huaweicloud-dcs", `/v2/${project()}/instances/${main.id}/backups/${done.id}/links`, { method: "POST", body: { expiration: 10 } });
    expect(bad.status).toBe(400);
  });

  it("JD: the whole MySQL backup set; an empty URL while it is not downloadable", async () => {
    const main = cloud.instance("jdcloud-rds");
    const done = main.backups[0]!;
    const answer = await call("jdcloud-rds", `/v1/regions/cn-north-1/backups/${done.id}:describeBackupDownloadURL?urlExpirationSecond=600`);
    expect(answer.status).toBe(200);
    const url = new URL(answer.body.result.publicURL);
    expect(url.pathname.endsWith(`/${done.id}.xbstream`)).toBe(true);
    expect([...url.searchParams.keys()]).toEqual(["AccessKey", "Expires", "Signature"]);
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(body.equals(cloud.fileContent("jdcloud-rds", done.id, `${done.id}.xbstream`).bytes())).toBe(true);
    const running = main.backups.find((backup) => backup.status === "running")!;
    const empty = await call("jdcloud-rds", `/v1/regions/cn-north-1/backups/${running.id}/downloadURLs`);
    expect(empty.body.result).toEqual({ publicURL: "", internalURL: "" });
  });
});

describe("mock cloud: changing the world while it runs", () => {
  it("a new backup appears in the list and downloads; expired backups leave the list and the store", async () => {
    const other = await startMockCloud({ seed: "world", anchor: ANCHOR, fileSize: 100 });
    try {
      const main = other.instance("otc-rds");
      const [oldest] = main.backups;
      const oldLink = (await (async () => {
        const sign = createRequestSigner({ provider: "otc", credentials: DEFAULT_MOCK_ACCOUNT });
        const response = await fetch(await sign(new Request(`${other.urls["otc-rds"]}/v3/${other.projectId}/backup-files?backup_id=${oldest!.id}`)));
        return ((await response.json()) as { files: Array<{ download_link: string }> }).files[0]!.download_link;
      })());
      const admin = await fetch(`${other.url}/_admin/backups`, { method: "POST", body: JSON.stringify({ api: "otc-rds", kind: "manual" }) });
      expect(admin.status).toBe(201);
      const added = (await admin.json()) as { id: string; status: string; kind: string };
      expect(added).toMatchObject({ status: "completed", kind: "manual" });
      expect(main.backups.at(-1)!.id).toBe(added.id);
      const expire = await fetch(`${other.url}/_admin/expire`, { method: "POST", body: JSON.stringify({ api: "otc-rds", before: "2026-11-30T00:00:00Z" }) });
      expect(await expire.json()).toEqual({ expired: [oldest!.id] });
      const gone = await fetch(oldLink);
      expect(gone.status).toBe(404);
      expect(await gone.text()).toContain("<Code>NoSuchKey</Code>");
      expect((await fetch(`${other.url}/_admin/backups`, { method: "POST", body: JSON.stringify({ api: "nope" }) })).status).toBe(400);
    } finally {
      await other.stop();
    }
  });

  it("--state keeps the world across restarts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mock-cloud-state-"));
    try {
      const stateFile = join(dir, "state.json");
      const first = await startMockCloud({ seed: "persist", anchor: ANCHOR, stateFile });
      const added = first.addBackup({ api: "jdcloud-rds" });
      await first.stop();
      expect(JSON.parse(readFileSync(stateFile, "utf8")).created).toBe(1);
      const second = await startMockCloud({ seed: "ignored-when-state-exists", stateFile });
      try {
        expect(second.instance("jdcloud-rds").backups.at(-1)!.id).toBe(added.id);
        expect(second.projectId).toBe(first.projectId);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the same seed and anchor give the same world", async () => {
    const again = await startMockCloud({ seed: "test-seed", anchor: ANCHOR, fileSize: 10_000 });
    try {
      expect(again.state.instances).toEqual(cloud.state.instances);
      expect(again.projectId).toBe(cloud.projectId);
    } finally {
      await again.stop();
    }
  });
});

describe("backup-links-mock --cloud arguments", () => {
  it("parses --cloud with its options and refuses them without it", () => {
    expect(parseCliArgs(["--cloud", "--port", "0", "--seed", "s", "--state", "/tmp/x.json", "--file-size", "1024"])).toEqual({
      cloud: { port: 0, host: "127.0.0.1", seed: "s", stateFile: "/tmp/x.json", fileSize: 1024 },
    });
    expect(() => parseCliArgs(["--seed", "s"])).toThrow("--seed is only used with --cloud");
    expect(() => parseCliArgs(["--cloud", "otc-rds"])).toThrow('--cloud serves every API; unexpected argument "otc-rds"');
    expect(() => parseCliArgs(["--cloud", "--file-size", "big"])).toThrow('--file-size must be a whole number of bytes, got "big"');
  });
});

describe("backup-links-mock --cloud, the process", () => {
  it("prints the endpoints, the project id and the keys, serves the admin API, and stops cleanly on SIGTERM", async () => {
    const { BIN, runNode } = await import("./helpers.js");
    const run = runNode(BIN, ["--cloud", "--port", "0", "--seed", "process-test", "--file-size", "1000"]);
    await run.waitFor("Press Ctrl-C to stop.");
    const url = /Mock cloud listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())![1]!;
    const state = (await (await fetch(`${url}/_admin/state`)).json()) as { seed: string; fileSize: number; projectId: string };
    expect(state).toMatchObject({ seed: "process-test", fileSize: 1000 });
    expect(run.stdout()).toContain(`otc-rds          ${url}/otc-rds`);
    expect(run.stdout()).toContain(`Project id (Huawei Cloud, OTC): ${state.projectId}`);
    expect(run.stdout()).toContain(`${DEFAULT_MOCK_ACCOUNT.accessKey} / ${DEFAULT_MOCK_ACCOUNT.secretKey}`);
    run.child.kill("SIGTERM");
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toContain("Received SIGTERM: stopping the mock cloud.");
  });
});
