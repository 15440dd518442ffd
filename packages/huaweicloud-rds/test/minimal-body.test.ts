import { rdsCase } from "@backup-links/testkit/client-cases.ts";
import { describeMinimalBodies } from "@backup-links/testkit/minimal-bodies.ts";
import { MINIMAL_FILE, fileListMinimalCases } from "@backup-links/testkit/minimal-body-cases.ts";
import { createHuaweiCloudRdsClient } from "../src/index.js";

const extras = { expiresAt: new Date("2026-03-04T05:21:07.000Z"), sizeBytes: 3072 };

// The smallest bodies the spec allows (no field of the body is required), through the real client; plus Huawei's
// `database_name` in each documented form: missing (above), null, or a name.
describeMinimalBodies(
  rdsCase({ api: "huaweicloud-rds", create: createHuaweiCloudRdsClient, provider: "huaweicloud", region: "ap-southeast-1", host: "rds.ap-southeast-1.myhuaweicloud.com" }),
  fileListMinimalCases([
    {
      name: "database_name null (a file that is not one database's backup)",
      body: { files: [{ ...MINIMAL_FILE, database_name: null }] },
      result: { files: [{ ...MINIMAL_FILE, database_name: null, ...extras }], requestId: undefined },
    },
    {
      name: "database_name given",
      body: { files: [{ ...MINIMAL_FILE, database_name: "orders" }] },
      result: { files: [{ ...MINIMAL_FILE, database_name: "orders", ...extras }], requestId: undefined },
    },
  ]),
);
