import { ApiError, ValidationError, createOtcDdsClient } from "@backup-links/otc-dds";
import { describeContract } from "../src/contract.js";
import { ddsContract } from "../src/huawei-family.js";

describeContract(ddsContract("otc-dds", (options) => createOtcDdsClient(options), { ApiError, ValidationError }));
