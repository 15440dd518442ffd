import { listRegions } from "@backup-links/core";
import { describe, expect, it } from "vitest";
import { API_IDS } from "@backup-links/core";
import { runCaptured } from "./helpers/run.js";

describe("backup-links apis", () => {
  it("lists every API with what it needs, as JSON", async () => {
    const result = await runCaptured(["apis", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const listing = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(listing.map((api) => api.id)).toEqual([...API_IDS]);
    expect(listing[0]).toEqual({
      id: "otc-rds",
      title: "Open Telekom Cloud RDS v3",
      operation: "GET /v3/{project_id}/backup-files",
      listOperation: "GET /v3/{project_id}/backups?instance_id=",
      regions: ["eu-ch2", "eu-de", "eu-nl"],
      required: ["--backup-id", "--project-id (or OS_PROJECT_ID)", "--region (or OS_REGION_NAME) or --endpoint"],
      optional: [],
      credentials: ["OS_ACCESS_KEY + OS_SECRET_KEY", "OS_TOKEN"],
    });
    expect(listing.find((api) => api.id === "huaweicloud-dcs")).toMatchObject({
      required: [
        "--backup-id",
        "--instance-id",
        "--project-id (or HUAWEICLOUD_SDK_PROJECT_ID)",
        "--region (or HUAWEICLOUD_SDK_REGION_ID) or --endpoint",
      ],
      optional: ["--expiration 300-86400 (default 1800)"],
      regions: [...listRegions("huaweicloud", "dcs")],
    });
    expect(listing.find((api) => api.id === "jdcloud-rds")).toEqual({
      id: "jdcloud-rds",
      title: "JD Cloud RDS v1",
      operation: "GET /v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL",
      listOperation: "GET /v1/regions/{regionId}/backups?instanceId=",
      regions: ["cn-east-1", "cn-east-2", "cn-north-1", "cn-south-1"],
      required: ["--backup-id", "--region"],
      optional: ["--expiration 1-86400", "--file-name", "--endpoint"],
      credentials: ["JDCLOUD_ACCESS_KEY + JDCLOUD_SECRET_KEY"],
    });
    expect(listing.find((api) => api.id === "otc-dds")!.note).toBe(
      "Open Telekom Cloud DDS links are valid for 15 minutes after they were last refreshed.",
    );
  });

  it("prints one readable block per API", async () => {
    const result = await runCaptured(["apis"]);
    expect(result.code).toBe(0);
    const blocks = result.stdout.trimEnd().split("\n\n");
    expect(blocks).toHaveLength(API_IDS.length);
    expect(blocks[0]).toBe(
      [
        "otc-rds          Open Telekom Cloud RDS v3",
        "  request        GET /v3/{project_id}/backup-files",
        "  list           GET /v3/{project_id}/backups?instance_id= (backups, --latest)",
        "  needs          --backup-id, --project-id (or OS_PROJECT_ID), --region (or OS_REGION_NAME) or --endpoint",
        "  credentials    OS_ACCESS_KEY + OS_SECRET_KEY, or OS_TOKEN",
        "  regions        eu-ch2, eu-de, eu-nl",
      ].join("\n"),
    );
    for (const line of result.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(120);
  });
});
