import { describeClientSuite } from "@backup-links/testkit/client-suite.ts";
import { ddsCase } from "@backup-links/testkit/client-cases.ts";
import { createOtcDdsClient } from "../src/index.js";

describeClientSuite(
  ddsCase({ api: "otc-dds", create: createOtcDdsClient, provider: "otc", region: "eu-de", host: "dds.eu-de.otc.t-systems.com" }),
);
