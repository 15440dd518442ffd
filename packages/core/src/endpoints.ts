import type { ApiProfile, Provider, Service } from "./api-profile.js";
import { findApiProfile } from "./apis/index.js";
import { ValidationError } from "./errors.js";
import { requireId } from "./validate.js";

export type { Provider, Service } from "./api-profile.js";

export interface EndpointOptions {
  provider: Provider;
  service: Service;
  /** Region id, e.g. `eu-de`, `ap-southeast-1`, `cn-north-1`. Required unless `baseUrl` is given (JD: always required, it is signed and in the path). */
  region?: string;
  /** Explicit endpoint (mock, proxy, private endpoint): an absolute http(s) URL, used instead of the region's. */
  baseUrl?: string;
}

export interface ResolvedEndpoint {
  /** Base URL without trailing slash, e.g. `https://rds.eu-de.otc.t-systems.com`. */
  baseUrl: string;
  /** The region, when one was given. */
  region: string | undefined;
}

const PROVIDERS: readonly Provider[] = ["huaweicloud", "jdcloud", "otc"];
const SERVICES: readonly Service[] = ["dcs", "dds", "rds"];

/** The region ids known for a provider/service (sorted); an empty list for a pair that does not exist (jdcloud dds/dcs). */
export function listRegions(provider: Provider, service: Service): readonly string[] {
  if (!PROVIDERS.includes(provider)) throw new ValidationError("provider", `must be one of ${PROVIDERS.join(", ")}`);
  if (!SERVICES.includes(service)) throw new ValidationError("service", `must be one of ${SERVICES.join(", ")}`);
  return findApiProfile(provider, service)?.regions ?? Object.freeze([]);
}

/**
 * `url` as a base URL: absolute http: or https:, no userinfo, no query or fragment; returned without trailing slash.
 * Throws `ValidationError(field, "must be an absolute http or https URL without credentials, query or fragment")`.
 */
export function validateBaseUrl(url: unknown, field = "baseUrl"): string {
  const text = typeof url === "string" || url instanceof URL ? String(url) : "";
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    // not a URL: refused below
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || !parsed.hostname || parsed.username || parsed.password || /[?#]/.test(text) || text.trim() !== text) {
    throw new ValidationError(field, "must be an absolute http or https URL without credentials, query or fragment");
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, "");
}

/**
 * The base URL for a provider/service/region, or the validated `baseUrl` override. Throws ValidationError for an
 * unknown region (`region: must be one of ...` listing the known ones), an unsupported provider/service pair,
 * a missing region, or a `baseUrl` that is not an absolute http(s) URL. A region given together with `baseUrl`
 * must still be a non-empty string but need not be known (a private cloud may have others).
 */
export function resolveEndpoint(options: EndpointOptions): ResolvedEndpoint {
  const { provider, service, region, baseUrl } = options;
  listRegions(provider, service); // checks provider and service
  const api = findApiProfile(provider, service);
  if (api === undefined) {
    const offered = SERVICES.filter((s) => findApiProfile(provider, s) !== undefined);
    throw new ValidationError("service", `must be one of ${offered.join(", ")} for ${provider}`);
  }
  return resolveApiEndpoint(api, region, baseUrl);
}

/** `resolveEndpoint` for one API's profile: what a client bundles instead of every provider's table. */
export function resolveApiEndpoint(api: ApiProfile, region?: string, baseUrl?: string): ResolvedEndpoint {
  const known = api.regions.join(", ");
  if (region !== undefined) requireId("region", region);
  if (baseUrl !== undefined) return { baseUrl: validateBaseUrl(baseUrl), region };
  if (region === undefined) throw new ValidationError("region", `is required unless baseUrl is given; one of ${known}`);
  if (!api.regions.includes(region)) throw new ValidationError("region", `must be one of ${known}`);
  return { baseUrl: `https://${api.host(region)}`, region };
}
