import { ApiError, ValidationError, createOtcDcsClient } from "@backup-links/otc-dcs";
import { describeContract } from "../src/contract.js";
import { dcsContract } from "../src/huawei-family.js";

describeContract(dcsContract("otc-dcs", (options) => createOtcDcsClient(options), { ApiError, ValidationError }));
