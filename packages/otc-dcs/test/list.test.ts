// listBackupRecords on the wire: the instance in the path, compact UTC times, a signature the independent verifier
// accepts, and the documented 204 (no backups) read as an empty page that ends listAllBackups.
import { describe, expect, it } from "vitest";
import { verifySdkHmacSha256 } from "@backup-links/testkit/verify-signature.ts";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, jsonResponse, recordingFetch } from "@backup-links/testkit/client-suite.ts";
import { createOtcDcsClient } from "../src/index.js";

const credentials = { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY };
const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
const INSTANCE = "5560df16-cebf-4473-95c4-d1b573c16e79";

describe("otc-dcs listBackups", () => {
  it("sends the documented request and parses created_at/updated_at and the size in bytes", async () => {
    const record = { backup_id: "4631832a", status: "succeed", created_at: "2019-05-10T08:31:16.166Z", updated_at: "2019-05-10 08:32:30", size: 880232, period: {}, error_code: null };
    const { fetch, requests } = recordingFetch(() => jsonResponse(200, { total_num: 1, backup_record_response: [record] }));
    const client = createOtcDcsClient({ region: "eu-de", projectId: PROJECT, credentials, fetch });
    const page = await client.listBackups({ instanceId: INSTANCE, since: new Date("2019-05-10T00:00:00Z"), until: "20190511000000", limit: 10 });
    expect(requests[0]!.url).toBe(
      `https://dcs.eu-de.otc.t-systems.com/v2/${PROJECT}/instances/${INSTANCE}/backups?begin_time=20190510000000&end_time=20190511000000&limit=10`,
    );
    expect(verifySdkHmacSha256(requests[0]!, credentials).valid).toBe(true);
    expect(page).toEqual({
      total_num: 1,
      backup_record_response: [{ ...record, startedAt: new Date("2019-05-10T08:31:16.166Z"), finishedAt: new Date("2019-05-10T08:32:30Z"), sizeBytes: 880232 }],
      requestId: undefined,
    });
  });

  it("a 204 (no backups) is an empty page, and listAllBackups stops after it", async () => {
    const { fetch, requests } = recordingFetch(() => new Response(null, { status: 204 }));
    const client = createOtcDcsClient({ region: "eu-de", projectId: PROJECT, credentials, fetch });
    const pages = [];
    for await (const page of client.listAllBackups({ instanceId: INSTANCE })) pages.push(page);
    expect(pages).toEqual([{ backup_record_response: [], requestId: undefined }]);
    expect(requests).toHaveLength(1);
  });
});
