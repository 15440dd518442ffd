import { ApiError, ValidationError, createJdCloudRdsClient } from "@backup-links/jdcloud-rds";
import { describeContract } from "../src/contract.js";
import { jdcloudRdsContract } from "../src/jdcloud.js";
import { describeListContract } from "../src/list-contract.js";
import { jdcloudListContract } from "../src/list-definitions.js";

describeContract(jdcloudRdsContract((options) => createJdCloudRdsClient(options), { ApiError, ValidationError }));
describeListContract(jdcloudListContract((options) => createJdCloudRdsClient(options), { ApiError, ValidationError }));
