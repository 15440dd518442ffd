/**
 * Open Telekom Cloud (opentelekomcloud-docs/docsportal endpoints table): `{service}.{region}.otc.t-systems.com` in
 * eu-de and eu-nl. The Swiss region uses `{service}.eu-ch2.sc.otc.t-systems.com`; for RDS this is inferred from the
 * other Swiss services, and no Swiss DDS or DCS documentation exists, so those are not offered.
 * Every constant is pure (annotated where it calls), so a bundle keeps only the profile it imports.
 */
import { regionList, type ApiProfile, type Service } from "../api-profile.js";
import { sdkHmacAuth } from "../auth/sdk-hmac-auth.js";
import type { EnvironmentVariableNames } from "../credential-types.js";

/** From opentelekomcloud/terraform-provider-opentelekomcloud opentelekomcloud/provider.go. */
export const OTC_ENVIRONMENT: EnvironmentVariableNames = /* @__PURE__ */ Object.freeze({
  accessKey: ["OS_ACCESS_KEY"],
  secretKey: ["OS_SECRET_KEY"],
  securityToken: ["OS_SECURITY_TOKEN"],
  token: ["OS_TOKEN", "OS_AUTH_TOKEN"],
  projectId: ["OS_PROJECT_ID", "OS_TENANT_ID"],
  region: ["OS_REGION_NAME", "OS_REGION"],
});

const EU = ["eu-de", "eu-nl"];

function otc(service: Service, extraRegions: readonly string[]): ApiProfile {
  return Object.freeze({
    provider: "otc",
    service,
    regions: regionList(EU, extraRegions),
    host: (region: string) => `${service}.${region}${region === "eu-ch2" ? ".sc" : ""}.otc.t-systems.com`,
    env: OTC_ENVIRONMENT,
    auth: sdkHmacAuth,
  });
}

/** Open Telekom Cloud RDS v3. */
export const OTC_RDS: ApiProfile = /* @__PURE__ */ otc("rds", ["eu-ch2"]);
/** Open Telekom Cloud DDS v3. */
export const OTC_DDS: ApiProfile = /* @__PURE__ */ otc("dds", []);
/** Open Telekom Cloud DCS v2. */
export const OTC_DCS: ApiProfile = /* @__PURE__ */ otc("dcs", []);
