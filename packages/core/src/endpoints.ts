/** A cloud: Open Telekom Cloud, Huawei Cloud, JD Cloud. */
export type Provider = "otc" | "huaweicloud" | "jdcloud";
/** A database service. JD Cloud has only `rds` here. */
export type Service = "rds" | "dds" | "dcs";

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

/**
 * The base URL for a provider/service/region, or the validated `baseUrl` override. Throws ValidationError for an
 * unknown region (`region: must be one of ...` listing the known ones), an unsupported provider/service pair,
 * a missing region, or a `baseUrl` that is not an absolute http(s) URL.
 */
export function resolveEndpoint(options: EndpointOptions): ResolvedEndpoint {
  throw new Error("not implemented");
}

/** The region ids known for a provider/service (sorted); an empty list for a pair that does not exist (jdcloud dds/dcs). */
export function listRegions(provider: Provider, service: Service): readonly string[] {
  throw new Error("not implemented");
}

/**
 * `url` as a base URL: absolute http: or https:, no userinfo, no query or fragment; returned without trailing slash.
 * Throws `ValidationError(field, "must be an absolute http or https URL without credentials, query or fragment")`.
 */
export function validateBaseUrl(url: unknown, field = "baseUrl"): string {
  throw new Error("not implemented");
}
