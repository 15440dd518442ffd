import {
  ENVIRONMENT_VARIABLES,
  ValidationError,
  credentialsFromEnv,
  type Credentials,
  type Environment,
  type Provider,
} from "../index.js";
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

const processEnv = (): Environment =>
  (globalThis as { process?: { env?: Environment } }).process?.env ?? {};

/** The first non-blank value among `names` (the vendor's variables, in order of precedence), trimmed as core does. */
function fromEnv(env: Environment, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

export function requireOptionsObject(options: unknown): asserts options is ClientOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ValidationError("options", "must be an object");
  }
}

/**
 * Fills what the caller left out from the vendor's environment variables and checks what only a client knows
 * about (project id, User-Agent); endpoint and credential checks are left to core's `createTransport`.
 */
export function resolveSettings(provider: Provider, options: HuaweiFamilyClientOptions): ClientSettings {
  const env = options.env ?? processEnv();
  const names = ENVIRONMENT_VARIABLES[provider];
  const credentials = options.credentials ?? credentialsFromEnv(provider, env).credentials;
  // With an explicit baseUrl the region is only needed where it is signed (JD), so don't pick one up silently.
  const region =
    options.region ?? (options.baseUrl === undefined || provider === "jdcloud" ? fromEnv(env, names.region) : undefined);
  let projectId: string | undefined;
  if (provider !== "jdcloud") {
    const value = options.projectId ?? fromEnv(env, names.projectId);
    if (value === undefined) {
      throw new ValidationError("projectId", `is required: pass projectId or set ${names.projectId.join(" or ")}`);
    }
    projectId = requirePathId("projectId", value);
  }
  return { credentials, region, projectId, userAgent: checkUserAgent(options.userAgent) };
}

function checkUserAgent(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  // Visible ASCII and spaces only: anything else would be rejected by fetch or could split the header.
  if (typeof value !== "string" || !/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(value)) {
    throw new ValidationError("userAgent", "must be product tokens of visible ASCII characters, e.g. my-app/1.0");
  }
  return value;
}
