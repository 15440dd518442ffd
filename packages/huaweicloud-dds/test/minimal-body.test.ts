import { ddsCase } from "@backup-links/testkit/client-cases.ts";
import { describeMinimalBodies } from "@backup-links/testkit/minimal-bodies.ts";
import { MINIMAL_FILE, fileListMinimalCases } from "@backup-links/testkit/minimal-body-cases.ts";
import { createHuaweiCloudDdsClient } from "../src/index.js";

// The smallest bodies the spec allows (no field of the body is required), through the real client; plus Huawei's
// optional `group_id` / `group_name`, one without the other.
describeMinimalBodies(
  ddsCase({ api: "huaweicloud-dds", create: createHuaweiCloudDdsClient, provider: "huaweicloud", region: "ap-southeast-1", host: "dds.ap-southeast-1.myhuaweicloud.com" }),
  fileListMinimalCases([
    {
      name: "group_name without group_id",
      body: { files: [{ ...MINIMAL_FILE, group_name: "shard_1" }], bucket: "b" },
      result: {
        files: [{ ...MINIMAL_FILE, group_name: "shard_1", expiresAt: new Date("2026-03-04T05:21:07.000Z"), sizeBytes: 3072 }],
        bucket: "b",
        requestId: undefined,
      },
    },
  ]),
);
