import { ApiError, ValidationError, createHuaweiCloudDcsClient } from "@backup-links/huaweicloud-dcs";
import { describeContract } from "../src/contract.js";
import { dcsContract } from "../src/huawei-family.js";

describeContract(dcsContract("huaweicloud-dcs", (options) => createHuaweiCloudDcsClient(options), { ApiError, ValidationError }));
