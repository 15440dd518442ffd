import { ApiError, ValidationError, createJdCloudRdsClient } from "@backup-links/jdcloud-rds";
import { describeContract } from "../src/contract.js";
import { jdcloudRdsContract } from "../src/jdcloud.js";

describeContract(jdcloudRdsContract((options) => createJdCloudRdsClient(options), { ApiError, ValidationError }));
