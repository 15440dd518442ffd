/**
 * The names of clouds and services: types only, at the bottom of core's import graph (api-profile.ts, auth/* and
 * credentials.ts all use them). api-profile.ts re-exports them.
 */

/** A cloud: Open Telekom Cloud, Huawei Cloud, JD Cloud. */
export type Provider = "otc" | "huaweicloud" | "jdcloud";
/** A database service. JD Cloud has only `rds` here. */
export type Service = "rds" | "dds" | "dcs";
