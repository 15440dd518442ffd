import { describeClientSuite } from "@backup-links/testkit/client-suite.ts";
import { rdsCase } from "@backup-links/testkit/client-cases.ts";
import { createOtcRdsClient } from "../src/index.js";

describeClientSuite(
  rdsCase({ api: "otc-rds", create: createOtcRdsClient, provider: "otc", region: "eu-de", host: "rds.eu-de.otc.t-systems.com" }),
);
