import { describeClientSuite } from "@backup-links/testkit/client-suite.ts";
import { dcsCase } from "@backup-links/testkit/client-cases.ts";
import { createHuaweiCloudDcsClient } from "../src/index.js";

describeClientSuite(
  dcsCase({ api: "huaweicloud-dcs", create: createHuaweiCloudDcsClient, provider: "huaweicloud", region: "ap-southeast-1", host: "dcs.ap-southeast-1.myhuaweicloud.com" }),
);
