import { ApiError, ValidationError, createHuaweiCloudDcsClient } from "@backup-links/huaweicloud-dcs";
import { describeContract } from "../src/contract.js";
import { describeListContract } from "../src/list-contract.js";
import { dcsListContract } from "../src/list-definitions.js";
import { dcsContract } from "../src/huawei-family.js";

describeContract(dcsContract("huaweicloud-dcs", (options) => createHuaweiCloudDcsClient(options), { ApiError, ValidationError }));
describeListContract(dcsListContract("huaweicloud-dcs", (options) => createHuaweiCloudDcsClient(options), { ApiError, ValidationError }));
