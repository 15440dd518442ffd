import { describeClientSuite } from "@backup-links/testkit/client-suite.ts";
import { ddsCase } from "@backup-links/testkit/client-cases.ts";
import { createHuaweiCloudDdsClient } from "../src/index.js";

describeClientSuite(
  ddsCase({ api: "huaweicloud-dds", create: createHuaweiCloudDdsClient, provider: "huaweicloud", region: "ap-southeast-1", host: "dds.ap-southeast-1.myhuaweicloud.com", fileExtraFields: { group_id: "ab12cd34ef56gr02", group_name: "shard_1" } }),
);
