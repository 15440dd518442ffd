import { ApiError, ValidationError, createOtcDdsClient } from "@backup-links/otc-dds";
import { describeContract } from "../src/contract.js";
import { describeListContract } from "../src/list-contract.js";
import { ddsListContract } from "../src/list-definitions.js";
import { ddsContract } from "../src/huawei-family.js";

describeContract(ddsContract("otc-dds", (options) => createOtcDdsClient(options), { ApiError, ValidationError }));
describeListContract(ddsListContract("otc-dds", (options) => createOtcDdsClient(options), { ApiError, ValidationError }));
