import { describeClientSuite } from "@backup-links/testkit/client-suite.ts";
import { dcsCase } from "@backup-links/testkit/client-cases.ts";
import { createOtcDcsClient } from "../src/index.js";

describeClientSuite(
  dcsCase({ api: "otc-dcs", create: createOtcDcsClient, provider: "otc", region: "eu-de", host: "dcs.eu-de.otc.t-systems.com" }),
);
