import { dcsCase } from "@backup-links/testkit/client-cases.ts";
import { describeMinimalBodies } from "@backup-links/testkit/minimal-bodies.ts";
import { dcsMinimalCases } from "@backup-links/testkit/minimal-body-cases.ts";
import { createOtcDcsClient } from "../src/index.js";

// The smallest bodies the spec allows (no field of the body or of a link is required), through the real client.
const dcs = dcsCase({ api: "otc-dcs", create: createOtcDcsClient, provider: "otc", region: "eu-de", host: "dcs.eu-de.otc.t-systems.com" });
describeMinimalBodies(dcs, dcsMinimalCases(dcs.input.expiration as number));
