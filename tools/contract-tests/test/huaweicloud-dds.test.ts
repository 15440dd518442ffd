import { ApiError, ValidationError, createHuaweiCloudDdsClient } from "@backup-links/huaweicloud-dds";
import { describeContract } from "../src/contract.js";
import { describeListContract } from "../src/list-contract.js";
import { ddsListContract } from "../src/list-definitions.js";
import { ddsContract } from "../src/huawei-family.js";

describeContract(ddsContract("huaweicloud-dds", (options) => createHuaweiCloudDdsClient(options), { ApiError, ValidationError }));
describeListContract(ddsListContract("huaweicloud-dds", (options) => createHuaweiCloudDdsClient(options), { ApiError, ValidationError }));
