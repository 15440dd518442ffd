import { ApiError, ValidationError, createOtcRdsClient } from "@backup-links/otc-rds";
import { describeContract } from "../src/contract.js";
import { describeListContract } from "../src/list-contract.js";
import { rdsListContract } from "../src/list-definitions.js";
import { rdsContract } from "../src/huawei-family.js";

describeContract(rdsContract("otc-rds", (options) => createOtcRdsClient(options), { ApiError, ValidationError }));
describeListContract(rdsListContract("otc-rds", (options) => createOtcRdsClient(options), { ApiError, ValidationError }));
