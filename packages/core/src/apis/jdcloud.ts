/**
 * JD Cloud (JD docs, Terraform provider): one host for every region; the region goes in the path and the signature.
 * Every constant is pure (annotated where it calls), so a bundle keeps only the profile it imports.
 */
import { regionList, type ApiProfile } from "../api-profile.js";
import { jdCloud2Auth } from "../auth/jdcloud2-auth.js";
import type { EnvironmentVariableNames } from "../credential-types.js";

/**
 * `JDCLOUD_ACCESS_KEY` / `JDCLOUD_SECRET_KEY` from hashicorp/packer-plugin-jdcloud builder/jdcloud/credential_config.go
 * (JD's SDKs read no environment; no region variable exists).
 */
export const JDCLOUD_ENVIRONMENT: EnvironmentVariableNames = /* @__PURE__ */ Object.freeze({
  accessKey: ["JDCLOUD_ACCESS_KEY"],
  secretKey: ["JDCLOUD_SECRET_KEY"],
  securityToken: [],
  token: [],
  projectId: [],
  region: [],
});

/** JD Cloud RDS v1. */
export const JDCLOUD_RDS: ApiProfile = /* @__PURE__ */ Object.freeze({
  provider: "jdcloud",
  service: "rds",
  regions: /* @__PURE__ */ regionList(["cn-east-1", "cn-east-2", "cn-north-1", "cn-south-1"]),
  host: () => "rds.jdcloud-api.com",
  env: JDCLOUD_ENVIRONMENT,
  auth: jdCloud2Auth,
});
