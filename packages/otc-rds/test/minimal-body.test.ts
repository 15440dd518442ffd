import { rdsCase } from "@backup-links/testkit/client-cases.ts";
import { describeMinimalBodies } from "@backup-links/testkit/minimal-bodies.ts";
import { fileListMinimalCases } from "@backup-links/testkit/minimal-body-cases.ts";
import { createOtcRdsClient } from "../src/index.js";

// The smallest bodies the spec allows (no field of the body is required), through the real client.
describeMinimalBodies(
  rdsCase({ api: "otc-rds", create: createOtcRdsClient, provider: "otc", region: "eu-de", host: "rds.eu-de.otc.t-systems.com" }),
  fileListMinimalCases(),
);
