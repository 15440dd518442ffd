/**
 * Huawei Cloud region ids per service, from huaweicloud/huaweicloud-sdk-go-v3 services/rds/v3/region/region.go
 * (commit 711a6ccd), services/dds/v3/region/region.go (2c66dedc), services/dcs/v2/region/region.go (a3542e7a).
 * Hosts are `{service}.{region}.myhuaweicloud.com`, except RDS and DDS in eu-west-101 which use `.myhuaweicloud.eu`
 * (DCS eu-west-101 is listed under `.com`).
 * Every constant is pure (annotated where it calls), so a bundle keeps only the profile it imports.
 */
import { regionList, type ApiProfile, type Service } from "../api-profile.js";
import { sdkHmacAuth } from "../auth/sdk-hmac-auth.js";
import type { EnvironmentVariableNames } from "../credential-types.js";

/**
 * `HUAWEICLOUD_SDK_*` from huaweicloud-sdk-go-v3 core/auth/provider/env_provider.go, then `HW_*` from
 * huaweicloud/terraform-provider-huaweicloud huaweicloud/provider.go (the SDK has no region variable).
 */
export const HUAWEICLOUD_ENVIRONMENT: EnvironmentVariableNames = /* @__PURE__ */ Object.freeze({
  accessKey: ["HUAWEICLOUD_SDK_AK", "HW_ACCESS_KEY"],
  secretKey: ["HUAWEICLOUD_SDK_SK", "HW_SECRET_KEY"],
  securityToken: ["HUAWEICLOUD_SDK_SECURITY_TOKEN", "HW_SECURITY_TOKEN"],
  token: ["HW_AUTH_TOKEN"],
  projectId: ["HUAWEICLOUD_SDK_PROJECT_ID", "HW_PROJECT_ID"],
  region: ["HUAWEICLOUD_SDK_REGION_ID", "HW_REGION_NAME"],
});

const COMMON = [
  "af-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ae-ad-1", "cn-east-2",
  "cn-east-3", "cn-north-1", "cn-north-2", "cn-north-4", "cn-north-9", "cn-south-1", "cn-south-2", "cn-southwest-2",
  "eu-west-0", "eu-west-101", "la-north-2", "la-south-2", "me-east-1", "my-kualalumpur-1", "na-mexico-1",
  "ru-moscow-1", "ru-northwest-2", "sa-brazil-1", "tr-west-1",
];

function huaweicloud(service: Service, euHost: boolean, extraRegions: readonly string[]): ApiProfile {
  return Object.freeze({
    provider: "huaweicloud",
    service,
    regions: regionList(COMMON, extraRegions),
    host: (region: string) => `${service}.${region}.myhuaweicloud.${euHost && region === "eu-west-101" ? "eu" : "com"}`,
    env: HUAWEICLOUD_ENVIRONMENT,
    auth: sdkHmacAuth,
  });
}

/** Huawei Cloud RDS v3. */
export const HUAWEICLOUD_RDS: ApiProfile = /* @__PURE__ */ huaweicloud("rds", true, ["af-north-1", "cn-east-4", "cn-east-5"]);
/** Huawei Cloud DDS v3. */
export const HUAWEICLOUD_DDS: ApiProfile = /* @__PURE__ */ huaweicloud("dds", true, []);
/** Huawei Cloud DCS v2. */
export const HUAWEICLOUD_DCS: ApiProfile = /* @__PURE__ */ huaweicloud("dcs", false, ["cn-east-5"]);
