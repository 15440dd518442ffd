// listBackups on the wire: a DDS time's space goes out as %20 (not '+', which a gateway would read as a plus) and
// the signature the independent verifier recomputes from the URL as sent matches.
import { describe, expect, it } from "vitest";
import { verifySdkHmacSha256 } from "@backup-links/testkit/verify-signature.ts";
import { TEST_ACCESS_KEY, TEST_SECRET_KEY, jsonResponse, recordingFetch } from "@backup-links/testkit/client-suite.ts";
import { createOtcDdsClient } from "../src/index.js";

const credentials = { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY };
const PROJECT = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";

describe("otc-dds listBackups", () => {
  it("sends UTC times with %20 and Manual as documented, signed so that the verifier accepts it; zone-less times read as UTC", async () => {
    const item = { id: "b1", instance_id: "c0c9f155c7b7423a9d30f0175998b63bin01", type: "auto", status: "COMPLETED", begin_time: "2018-08-06 12:41:14", end_time: "2018-08-06 12:43:14", size: 2803 };
    const { fetch, requests } = recordingFetch(() => jsonResponse(200, { backups: [item], total_count: 1 }));
    const client = createOtcDdsClient({ region: "eu-de", projectId: PROJECT, credentials, fetch });
    const page = await client.listBackups({ instanceId: item.instance_id, backupType: "manual", since: "2018-08-06 10:41:14", until: new Date("2018-08-16T10:41:14Z") });
    expect(requests[0]!.url).toBe(
      `https://dds.eu-de.otc.t-systems.com/v3/${PROJECT}/backups?instance_id=${item.instance_id}&backup_type=Manual` +
        "&begin_time=2018-08-06%2010%3A41%3A14&end_time=2018-08-16%2010%3A41%3A14",
    );
    expect(verifySdkHmacSha256(requests[0]!, credentials).valid).toBe(true);
    expect(page.backups[0]).toEqual({ ...item, startedAt: new Date("2018-08-06T12:41:14Z"), finishedAt: new Date("2018-08-06T12:43:14Z"), sizeBytes: 2870272 });
  });

  it("refuses Incremental (Huawei Cloud only) and a half time window before any request", async () => {
    const { fetch, requests } = recordingFetch(() => jsonResponse(200, {}));
    const client = createOtcDdsClient({ region: "eu-de", projectId: PROJECT, credentials, fetch });
    await expect(client.listBackups({ instanceId: "i1", backupType: "incremental" as never })).rejects.toMatchObject({ field: "backupType", rule: "must be one of Auto, Manual" });
    await expect(client.listBackups({ instanceId: "i1", until: new Date() })).rejects.toMatchObject({ field: "since", rule: "is required with until" });
    expect(requests).toHaveLength(0);
  });
});
