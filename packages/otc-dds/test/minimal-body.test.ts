import { ddsCase } from "@backup-links/testkit/client-cases.ts";
import { describeMinimalBodies } from "@backup-links/testkit/minimal-bodies.ts";
import { fileListMinimalCases } from "@backup-links/testkit/minimal-body-cases.ts";
import { createOtcDdsClient } from "../src/index.js";

// The smallest bodies the spec allows (no field of the body is required), through the real client.
describeMinimalBodies(
  ddsCase({ api: "otc-dds", create: createOtcDdsClient, provider: "otc", region: "eu-de", host: "dds.eu-de.otc.t-systems.com" }),
  fileListMinimalCases(),
);
