// describeBackups on the wire: JDCLOUD2-signed as the independent verifier recomputes it, page numbers from 1, and
// the stop at pageNumber * pageSize >= totalCount (JD repeats the last page past the end).
import { describe, expect, it } from "vitest";
import { verifyJdCloud2 } from "@backup-links/testkit/verify-signature.ts";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, jsonResponse, recordingFetch } from "@backup-links/testkit/client-suite.ts";
import { createJdCloudRdsClient, PagingError } from "../src/index.js";

const credentials = { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY };

describe("jdcloud-rds listBackups", () => {
  it("sends instanceId, pageNumber and pageSize, with a signature the verifier accepts", async () => {
    const { fetch, requests } = recordingFetch(() => jsonResponse(200, { requestId: "r1", result: { backup: [], totalCount: 0 } }));
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    expect(await client.listBackups({ instanceId: "mysql-wp4e9ztap2" })).toEqual({ requestId: "r1", backup: [], totalCount: 0 });
    expect(requests[0]!.url).toBe("https://rds.jdcloud-api.com/v1/regions/cn-north-1/backups?instanceId=mysql-wp4e9ztap2&pageNumber=1&pageSize=100");
    expect(verifyJdCloud2(requests[0]!, credentials, { region: "cn-north-1", service: "rds" }).valid).toBe(true);
  });

  it("listAllBackups reads 3 pages of 10 for 25 backups although the server would serve page 3 forever", async () => {
    const backup = Array.from({ length: 25 }, (_, i) => ({ backupId: `b${i}`, backupStatus: "COMPLETED", backupStartTime: "2020-01-07T15:14:07" }));
    const { fetch, requests } = recordingFetch((request) => {
      const n = Math.min(Number(new URL(request.url).searchParams.get("pageNumber")), 3);
      return jsonResponse(200, { result: { backup: backup.slice((n - 1) * 10, n * 10), totalCount: 25 } });
    });
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    const sizes: number[] = [];
    for await (const page of client.listAllBackups({ instanceId: "mysql-wp4e9ztap2", pageSize: 10 })) sizes.push(page.backup.length);
    expect(sizes).toEqual([10, 10, 5]);
    expect(requests.map((r) => new URL(r.url).searchParams.get("pageNumber"))).toEqual(["1", "2", "3"]);
  });

  it("a server that never ends (no totalCount, the same full page) is stopped with PagingError", async () => {
    const backup = Array.from({ length: 10 }, (_, i) => ({ backupId: `b${i}`, backupStatus: "COMPLETED" }));
    const { fetch, requests } = recordingFetch(() => jsonResponse(200, { result: { backup } }));
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    const run = async () => {
      for await (const _page of client.listAllBackups({ instanceId: "i1", pageSize: 10 })) void _page;
    };
    await expect(run()).rejects.toThrow(new PagingError("jdcloud-rds", 2, "page 2 repeats an earlier page"));
    expect(requests).toHaveLength(2);
  });

  it("refuses a pageSize JD does not take, before any request", async () => {
    const { fetch, requests } = recordingFetch(() => jsonResponse(200, {}));
    const client = createJdCloudRdsClient({ region: "cn-north-1", credentials, fetch });
    await expect(client.listBackups({ instanceId: "i1", pageSize: 25 })).rejects.toMatchObject({ name: "ValidationError", field: "pageSize" });
    expect(requests).toHaveLength(0);
  });
});
