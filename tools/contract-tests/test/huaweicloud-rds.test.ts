import { ApiError, ValidationError, createHuaweiCloudRdsClient } from "@backup-links/huaweicloud-rds";
import { describeContract } from "../src/contract.js";
import { describeListContract } from "../src/list-contract.js";
import { rdsListContract } from "../src/list-definitions.js";
import { rdsContract } from "../src/huawei-family.js";

describeContract(rdsContract("huaweicloud-rds", (options) => createHuaweiCloudRdsClient(options), { ApiError, ValidationError }));
describeListContract(rdsListContract("huaweicloud-rds", (options) => createHuaweiCloudRdsClient(options), { ApiError, ValidationError }));
