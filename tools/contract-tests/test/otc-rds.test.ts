import { ApiError, ValidationError, createOtcRdsClient } from "@backup-links/otc-rds";
import { describeContract } from "../src/contract.js";
import { rdsContract } from "../src/huawei-family.js";

describeContract(rdsContract("otc-rds", (options) => createOtcRdsClient(options), { ApiError, ValidationError }));
