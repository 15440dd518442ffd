// listBackups on the wire: a `+0800` time encoded as %2B (so the gateway reads a plus, not a space) and a signature
// the independent verifier recomputes from the URL exactly as sent.
import { describe, expect, it } from "vitest";
import { verifySdkHmacSha256 } from "@backup-links/testkit/verify-signature.ts";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, jsonResponse, recordingFetch } from "@backup-links/testkit/client-suite.ts";
import { createOtcRdsClient } from "../src/index.js";

const credentials = { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY };
const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

describe("otc-rds listBackups", () => {
  it("sends begin_time/end_time with %2B0800 and %3A, signed so that the verifier accepts it", async () => {
    const { fetch, requests } = recordingFetch(() => jsonResponse(200, { backups: [], total_count: 0 }));
    const client = createOtcRdsClient({ region: "eu-de", projectId: PROJECT, credentials, fetch });
    const page = await client.listBackups({
      instanceId: "43e4feaab48f11e89039fa163ebaa7e4in01",
      backupType: "auto",
      since: "2018-08-06T10:41:14+0800",
      until: "2018-08-16T10:41:14+0800",
      offset: 0,
      limit: 10,
    });
    expect(page).toEqual({ backups: [], total_count: 0, requestId: undefined });
    expect(requests[0]!.url).toBe(
      `https://rds.eu-de.otc.t-systems.com/v3/${PROJECT}/backups?instance_id=43e4feaab48f11e89039fa163ebaa7e4in01&backup_type=auto` +
        "&begin_time=2018-08-06T10%3A41%3A14%2B0800&end_time=2018-08-16T10%3A41%3A14%2B0800&limit=10&offset=0",
    );
    const check = verifySdkHmacSha256(requests[0]!, credentials);
    expect(check.canonicalRequest.split("\n")[2]).toBe(
      "backup_type=auto&begin_time=2018-08-06T10%3A41%3A14%2B0800&end_time=2018-08-16T10%3A41%3A14%2B0800" +
        "&instance_id=43e4feaab48f11e89039fa163ebaa7e4in01&limit=10&offset=0",
    );
    expect(check.valid).toBe(true);
  });

  it("parses the OTC example's times and KB sizes into startedAt, finishedAt and sizeBytes", async () => {
    const item = {
      id: "43e4feaab48f11e89039fa163ebaa7e4br01",
      name: "xxxx.xxx",
      type: "auto",
      size: 2803,
      status: "COMPLETED",
      begin_time: "2018-08-06T12:41:14+0800",
      end_time: "2018-08-06T12:43:14+0800",
      datastore: { type: "MySQL", version: "8.0" },
      instance_id: "a48e43ff268f4c0e879652d65e63d0fbin01",
    };
    const { fetch } = recordingFetch(() => jsonResponse(200, { backups: [item], total_count: 1 }, { "X-Request-Id": "rid-7" }));
    const client = createOtcRdsClient({ region: "eu-de", projectId: PROJECT, credentials, fetch });
    const pages = [];
    for await (const page of client.listAllBackups({ instanceId: item.instance_id })) pages.push(page);
    expect(pages).toEqual([
      {
        backups: [{ ...item, startedAt: new Date("2018-08-06T04:41:14Z"), finishedAt: new Date("2018-08-06T04:43:14Z"), sizeBytes: 2870272 }],
        total_count: 1,
        requestId: "rid-7",
      },
    ]);
  });
});
