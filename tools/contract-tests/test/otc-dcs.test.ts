import { ApiError, ValidationError, createOtcDcsClient } from "@backup-links/otc-dcs";
import { describeContract } from "../src/contract.js";
import { describeListContract } from "../src/list-contract.js";
import { dcsListContract } from "../src/list-definitions.js";
import { dcsContract } from "../src/huawei-family.js";

describeContract(dcsContract("otc-dcs", (options) => createOtcDcsClient(options), { ApiError, ValidationError }));
describeListContract(dcsListContract("otc-dcs", (options) => createOtcDcsClient(options), { ApiError, ValidationError }));
