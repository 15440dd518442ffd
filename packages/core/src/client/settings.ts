import type { ApiProfile } from "../api-profile.js";
import { environmentCredentials, firstSet, type Credentials } from "../credentials.js";
import { processEnvironment } from "#runtime";
import { ValidationError } from "../errors.js";
import { requireObject, requireProductTokens } from "../validate.js";
import { requirePathId } from "./ids.js";
import type { ClientOptions, HuaweiFamilyClientOptions } from "./options.js";

/** What a client resolves once, at creation, from its options and the environment. */
export interface ClientSettings {
  credentials: Credentials;
  region: string | undefined;
  /** Huawei Cloud / OTC only. */
  projectId: string | undefined;
  /** Extra User-Agent product tokens, validated. */
  userAgent: string | undefined;
}

export function requireOptionsObject(options: unknown): asserts options is ClientOptions {
  requireObject("options", options);
}

/**
 * Fills what the caller left out from the vendor's environment variables and checks what only a client knows
 * about (project id, User-Agent); endpoint and credential checks are left to core's `createTransport`.
 */
export function resolveSettings(profile: ApiProfile, options: HuaweiFamilyClientOptions): ClientSettings {
  const { provider, env: names } = profile;
  const env = options.env ?? processEnvironment();
  const credentials = options.credentials ?? environmentCredentials(names, env);
  // With an explicit baseUrl the region is only needed where it is signed (JD), so don't pick one up silently.
  const region =
    options.region ?? (options.baseUrl === undefined || provider === "jdcloud" ? firstSet(env, names.region) : undefined);
  let projectId: string | undefined;
  if (provider !== "jdcloud") {
    const value = options.projectId ?? firstSet(env, names.projectId);
    if (value === undefined) {
      throw new ValidationError("projectId", `is required: pass projectId or set ${names.projectId.join(" or ")}`);
    }
    projectId = requirePathId("projectId", value);
  }
  return { credentials, region, projectId, userAgent: options.userAgent === undefined ? undefined : requireProductTokens("userAgent", options.userAgent) };
}
