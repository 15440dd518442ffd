import { dcsCase } from "@backup-links/testkit/client-cases.ts";
import { describeMinimalBodies } from "@backup-links/testkit/minimal-bodies.ts";
import { dcsMinimalCases } from "@backup-links/testkit/minimal-body-cases.ts";
import { createHuaweiCloudDcsClient } from "../src/index.js";

// The smallest bodies the spec allows (no field of the body or of a link is required), through the real client.
const dcs = dcsCase({ api: "huaweicloud-dcs", create: createHuaweiCloudDcsClient, provider: "huaweicloud", region: "ap-southeast-1", host: "dcs.ap-southeast-1.myhuaweicloud.com" });
describeMinimalBodies(dcs, dcsMinimalCases(dcs.input.expiration as number));
