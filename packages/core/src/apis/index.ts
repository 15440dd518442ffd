import type { ApiProfile, Provider, Service } from "../api-profile.js";
import { HUAWEICLOUD_DCS, HUAWEICLOUD_DDS, HUAWEICLOUD_RDS } from "./huaweicloud.js";
import { JDCLOUD_RDS } from "./jdcloud.js";
import { OTC_DCS, OTC_DDS, OTC_RDS } from "./otc.js";

export { OTC_RDS, OTC_DDS, OTC_DCS, OTC_ENVIRONMENT } from "./otc.js";
export { HUAWEICLOUD_RDS, HUAWEICLOUD_DDS, HUAWEICLOUD_DCS, HUAWEICLOUD_ENVIRONMENT } from "./huaweicloud.js";
export { JDCLOUD_RDS, JDCLOUD_ENVIRONMENT } from "./jdcloud.js";

/** Every API backup-links knows (one per client package), for tools that serve all of them (the CLI). */
export const API_PROFILES: readonly ApiProfile[] = /* @__PURE__ */ Object.freeze([
  OTC_RDS,
  HUAWEICLOUD_RDS,
  OTC_DDS,
  HUAWEICLOUD_DDS,
  HUAWEICLOUD_DCS,
  OTC_DCS,
  JDCLOUD_RDS,
]);

/** The profile of a provider's service; `undefined` for a pair that does not exist (jdcloud dds/dcs). */
export function findApiProfile(provider: Provider, service: Service): ApiProfile | undefined {
  return API_PROFILES.find((api) => api.provider === provider && api.service === service);
}
