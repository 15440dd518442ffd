// `backup-links backups` and `links/download --latest` in-process, against an injected fetch: exact output, the
// usage errors, and the edge cases of issue 12 (empty list, DCS 204, nothing finished, a server that never ends).
import { describe, expect, it } from "vitest";
import type { FetchLike } from "@backup-links/core";
import { runCaptured, TEST_SECRETS } from "./helpers/run.js";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const ENDPOINT = "http://127.0.0.1:9";

const rds = (id: string, type: string, status: string, begin: string, end: string, size = 2803) => ({
  id,
  instance_id: "inst-1",
  name: `name-${id}`,
  type,
  status,
  begin_time: begin,
  end_time: end,
  size,
  datastore: { type: "MySQL", version: "8.0" },
});

const RDS_LIST = [
  rds("b-auto", "auto", "COMPLETED", "2024-05-01T10:00:00+0800", "2024-05-01T10:05:00+0800"),
  rds("b-manual", "manual", "COMPLETED", "2024-05-02T10:00:00+0800", "2024-05-02T10:07:30+0800", 1048576),
  rds("b-running", "auto", "BUILDING", "2024-05-03T10:00:00+0800", "", 0),
  rds("b-bad-time", "incremental", "FAILED", "2018 - 08 - 06 T12: 41: 14 + 0800", "2018-08-06T12:43:14+0800"),
];

/** Answers RDS list requests with `items` and link requests with one file; records every URL. */
function rdsCloud(items: unknown[]) {
  const urls: string[] = [];
  const fetch: FetchLike = async (input) => {
    const url = new URL(input.url);
    urls.push(url.pathname + url.search);
    if (url.pathname.endsWith("/backups")) return json({ backups: items, total_count: items.length });
    return json({ files: [{ name: "b.qp", size: 4, download_link: "https://obs.example/b.qp?secret=1", link_expired_time: "2030-01-01T00:00:00+0800" }], bucket: "x" });
  };
  return { fetch, urls };
}

describe("backup-links backups", () => {
  it("prints every backup newest first with times in UTC, and marks the downloadable ones", async () => {
    const { fetch, urls } = rdsCloud(RDS_LIST);
    const result = await runCaptured(["backups", "otc-rds", "--instance-id", "inst-1", "--endpoint", ENDPOINT], { fetch });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(urls).toEqual(["/v3/0123456789abcdef0123456789abcdef/backups?instance_id=inst-1&limit=100&offset=0"]);
    expect(result.stdout).toBe(
      [
        "otc-rds: 4 backups of instance inst-1, newest first (times in UTC)",
        "",
        "  ID          TYPE         STATUS     STARTED                                FINISHED                 SIZE",
        "  b-running   full         running    2024-05-03 02:00:00                    -                         0 B",
        "* b-manual    full         completed  2024-05-02 02:00:00                    2024-05-02 02:07:30  1.00 GiB",
        "* b-auto      full         completed  2024-05-01 02:00:00                    2024-05-01 02:05:00  2.74 MiB",
        "  b-bad-time  incremental  failed     2018 - 08 - 06 T12: 41: 14 + 0800 (?)  2018-08-06 04:43:14  2.74 MiB",
        "",
        "* downloadable (completed, and a kind the API hands out)",
        "",
      ].join("\n"),
    );
  });

  it("--json prints the neutral records with ISO dates; --type and --since filter", async () => {
    const { fetch } = rdsCloud(RDS_LIST);
    const result = await runCaptured(
      ["backups", "otc-rds", "--instance-id", "inst-1", "--endpoint", ENDPOINT, "--json", "--type", "full", "--since", "2024-05-02"],
      { fetch },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        api: "otc-rds",
        id: "b-running",
        instanceId: "inst-1",
        name: "name-b-running",
        type: "full",
        status: "running",
        startedAt: "2024-05-03T02:00:00.000Z",
        finishedAt: null,
        sizeBytes: 0,
        engine: "MySQL",
        downloadable: false,
        raw: { type: "auto", status: "BUILDING", startedAt: "2024-05-03T10:00:00+0800", finishedAt: null },
      },
      {
        api: "otc-rds",
        id: "b-manual",
        instanceId: "inst-1",
        name: "name-b-manual",
        type: "full",
        status: "completed",
        startedAt: "2024-05-02T02:00:00.000Z",
        finishedAt: "2024-05-02T02:07:30.000Z",
        sizeBytes: 1073741824,
        engine: "MySQL",
        downloadable: true,
        raw: { type: "manual", status: "COMPLETED", startedAt: "2024-05-02T10:00:00+0800", finishedAt: "2024-05-02T10:07:30+0800" },
      },
    ]);
  });

  it("an empty list: DCS answers 204", async () => {
    const fetch: FetchLike = async () => new Response(null, { status: 204 });
    const result = await runCaptured(["backups", "otc-dcs", "--instance-id", "inst-1", "--endpoint", ENDPOINT], { fetch });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("otc-dcs: 0 backups of instance inst-1, newest first (times in UTC)\n");
  });

  it("JD Cloud: zone-less times shown in UTC (read as UTC+8)", async () => {
    const fetch: FetchLike = async () =>
      json({ result: { backup: [{ backupId: "j1", instanceId: "mysql-1", backupStatus: "COMPLETED", backupStartTime: "2020-01-07T15:14:07", backupSizeByte: 15167776 }], totalCount: 1 } });
    const result = await runCaptured(["backups", "jdcloud-rds", "--instance-id", "mysql-1", "--region", "cn-north-1", "--endpoint", ENDPOINT, "--json"], { fetch });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[0]).toMatchObject({ id: "j1", startedAt: "2020-01-07T07:14:07.000Z", sizeBytes: 15167776, downloadable: true });
  });

  it("a server repeating the same page forever: stopped with a clear error, exit 3", async () => {
    const page = Array.from({ length: 100 }, (_, i) => ({ backupId: `j${i}`, backupStatus: "COMPLETED" }));
    const fetch: FetchLike = async () => json({ result: { backup: page } });
    const result = await runCaptured(["backups", "jdcloud-rds", "--instance-id", "mysql-1", "--region", "cn-north-1", "--endpoint", ENDPOINT], { fetch });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("backup-links: jdcloud-rds: stopped listing after 2 pages: page 2 repeats an earlier page\n");
  });

  it.each([
    [["backups", "otc-rds", "--endpoint", ENDPOINT], "backup-links: --instance-id: required (the instance whose backups to list)"],
    [["backups", "otc-rds", "--instance-id", "i", "--endpoint", ENDPOINT, "--since", "yesterday"], "backup-links: --since: must be a date such as 2024-05-01 or 2024-05-01T10:00:00Z"],
    [["backups", "otc-rds", "--instance-id", "i", "--endpoint", ENDPOINT, "--type", "weekly"], "backup-links: --type: must be one of full, incremental, differential"],
    [["backups", "otc-rds", "--instance-id", "i", "--backup-id", "b"], "backup-links: unknown option --backup-id"],
  ])("refuses %j before any request, exit 2", async (argv, message) => {
    const result = await runCaptured(argv);
    expect(result.code).toBe(2);
    expect(result.requests).toHaveLength(0);
    expect(result.stderr).toBe(`${message}\nRun 'backup-links backups --help' for usage.\n`);
  });
});

describe("links and download --latest", () => {
  it("links --latest says which backup it picked on stderr, then prints that backup's files", async () => {
    const { fetch, urls } = rdsCloud(RDS_LIST);
    const result = await runCaptured(["links", "otc-rds", "--latest", "--instance-id", "inst-1", "--endpoint", ENDPOINT], { fetch });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "Latest full backup of instance inst-1: b-manual (name-b-manual), started 2024-05-02 02:00:00 UTC, finished 2024-05-02 02:07:30 UTC, 1.00 GiB\n",
    );
    expect(result.stdout.split("\n")[0]).toBe("otc-rds: 1 file in backup b-manual");
    expect(urls[1]).toBe("/v3/0123456789abcdef0123456789abcdef/backup-files?backup_id=b-manual");
    for (const secret of TEST_SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("links --latest --json keeps stdout to the JSON, with the picked backup in it", async () => {
    const { fetch } = rdsCloud(RDS_LIST);
    const result = await runCaptured(["links", "otc-rds", "--latest", "--instance-id", "inst-1", "--endpoint", ENDPOINT, "--json"], { fetch });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.backup).toMatchObject({ id: "b-manual", status: "completed", downloadable: true });
    expect(parsed.files.map((f: { name: string }) => f.name)).toEqual(["b.qp"]);
    expect(result.stderr).toContain("Latest full backup of instance inst-1: b-manual");
  });

  it("only failed or running backups: a clear error naming the states, exit 3, no link request", async () => {
    const { fetch, urls } = rdsCloud([RDS_LIST[2], RDS_LIST[3], rds("b-f2", "manual", "FAILED", "2024-05-04T10:00:00+0800", "2024-05-04T10:01:00+0800")]);
    const result = await runCaptured(["download", "otc-rds", "--latest", "--instance-id", "inst-1", "--endpoint", ENDPOINT, "--out", "/nonexistent-dir"], { fetch });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe("backup-links: no downloadable full backup of instance inst-1 among 3 backups (2 failed, 1 running)\n");
    expect(urls).toHaveLength(1);
  });

  it("an instance with no backups (DCS 204): says so, exit 3", async () => {
    const fetch: FetchLike = async () => new Response(null, { status: 204 });
    const result = await runCaptured(["links", "otc-dcs", "--latest", "--instance-id", "inst-1", "--endpoint", ENDPOINT], { fetch });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe("backup-links: no downloadable full backup of instance inst-1: otc-dcs lists no backups for it\n");
  });

  it.each([
    [["links", "otc-rds", "--latest", "--backup-id", "b1", "--instance-id", "i"], "links", "backup-links: --latest and --backup-id cannot be combined: pass one or the other"],
    [["download", "otc-rds", "--latest", "--backup-id", "b1", "--instance-id", "i"], "download", "backup-links: --latest and --backup-id cannot be combined: pass one or the other"],
    [["links", "otc-rds", "--latest"], "links", "backup-links: --latest needs --instance-id (the instance whose newest backup to take)"],
    [["links", "otc-rds", "--backup-id", "b1", "--type", "full"], "links", "backup-links: --type is only taken together with --latest"],
    [["links", "otc-rds", "--latest", "--instance-id", "i", "--type", "weekly", "--endpoint", ENDPOINT], "links", "backup-links: --type: must be one of full, incremental, differential"],
  ])("refuses %j before any request, exit 2", async (argv, command, message) => {
    const result = await runCaptured(argv);
    expect(result.code).toBe(2);
    expect(result.requests).toHaveLength(0);
    expect(result.stderr).toBe(`${message}\nRun 'backup-links ${command} --help' for usage.\n`);
  });
});
