import { ApiError, ValidationError, createHuaweiCloudDdsClient } from "@backup-links/huaweicloud-dds";
import { describeContract } from "../src/contract.js";
import { ddsContract } from "../src/huawei-family.js";

describeContract(ddsContract("huaweicloud-dds", (options) => createHuaweiCloudDdsClient(options), { ApiError, ValidationError }));
