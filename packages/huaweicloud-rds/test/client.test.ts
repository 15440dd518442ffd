import { describeClientSuite } from "@backup-links/testkit/client-suite.ts";
import { rdsCase } from "@backup-links/testkit/client-cases.ts";
import { createHuaweiCloudRdsClient } from "../src/index.js";

describeClientSuite(
  rdsCase({ api: "huaweicloud-rds", create: createHuaweiCloudRdsClient, provider: "huaweicloud", region: "ap-southeast-1", host: "rds.ap-southeast-1.myhuaweicloud.com", fileExtraFields: { database_name: "orders" } }),
);
