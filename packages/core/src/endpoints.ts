import { ValidationError } from "./errors.js";

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

// Huawei Cloud region ids per service, from huaweicloud/huaweicloud-sdk-go-v3
// services/rds/v3/region/region.go (commit 711a6ccd), services/dds/v3/region/region.go (2c66dedc),
// services/dcs/v2/region/region.go (a3542e7a). Hosts are `{service}.{region}.myhuaweicloud.com`, except RDS and
// DDS in eu-west-101 which use `.myhuaweicloud.eu` (DCS eu-west-101 is listed under `.com`).
const HUAWEI_COMMON = [
  "af-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ae-ad-1", "cn-east-2",
  "cn-east-3", "cn-north-1", "cn-north-2", "cn-north-4", "cn-north-9", "cn-south-1", "cn-south-2", "cn-southwest-2",
  "eu-west-0", "eu-west-101", "la-north-2", "la-south-2", "me-east-1", "my-kualalumpur-1", "na-mexico-1",
  "ru-moscow-1", "ru-northwest-2", "sa-brazil-1", "tr-west-1",
];
const HUAWEI_REGIONS: Record<Service, readonly string[]> = {
  rds: [...HUAWEI_COMMON, "af-north-1", "cn-east-4", "cn-east-5"],
  dds: [...HUAWEI_COMMON],
  dcs: [...HUAWEI_COMMON, "cn-east-5"],
};
const HUAWEI_EU_HOST: Record<Service, boolean> = { rds: true, dds: true, dcs: false };

// Open Telekom Cloud (opentelekomcloud-docs/docsportal endpoints table): `{service}.{region}.otc.t-systems.com` in
// eu-de and eu-nl. The Swiss region uses `{service}.eu-ch2.sc.otc.t-systems.com`; for RDS this is inferred from the
// other Swiss services, and no Swiss DDS or DCS documentation exists, so those are not offered.
const OTC_REGIONS: Record<Service, readonly string[]> = {
  rds: ["eu-ch2", "eu-de", "eu-nl"],
  dds: ["eu-de", "eu-nl"],
  dcs: ["eu-de", "eu-nl"],
};

// JD Cloud (JD docs, Terraform provider): one host for every region; the region goes in the path and the signature.
const JD_REGIONS: Record<Service, readonly string[]> = {
  rds: ["cn-east-1", "cn-east-2", "cn-north-1", "cn-south-1"],
  dds: [],
  dcs: [],
};

const PROVIDERS: readonly Provider[] = ["huaweicloud", "jdcloud", "otc"];
const SERVICES: readonly Service[] = ["dcs", "dds", "rds"];

function regionTable(provider: Provider): Record<Service, readonly string[]> {
  return provider === "otc" ? OTC_REGIONS : provider === "huaweicloud" ? HUAWEI_REGIONS : JD_REGIONS;
}

function hostFor(provider: Provider, service: Service, region: string): string {
  if (provider === "jdcloud") return `${service}.jdcloud-api.com`;
  if (provider === "otc") return region === "eu-ch2" ? `${service}.eu-ch2.sc.otc.t-systems.com` : `${service}.${region}.otc.t-systems.com`;
  const tld = region === "eu-west-101" && HUAWEI_EU_HOST[service] ? "eu" : "com";
  return `${service}.${region}.myhuaweicloud.${tld}`;
}

/** The region ids known for a provider/service (sorted); an empty list for a pair that does not exist (jdcloud dds/dcs). */
export function listRegions(provider: Provider, service: Service): readonly string[] {
  if (!PROVIDERS.includes(provider)) throw new ValidationError("provider", `must be one of ${PROVIDERS.join(", ")}`);
  if (!SERVICES.includes(service)) throw new ValidationError("service", `must be one of ${SERVICES.join(", ")}`);
  return Object.freeze([...regionTable(provider)[service]].sort());
}

/**
 * `url` as a base URL: absolute http: or https:, no userinfo, no query or fragment; returned without trailing slash.
 * Throws `ValidationError(field, "must be an absolute http or https URL without credentials, query or fragment")`.
 */
export function validateBaseUrl(url: unknown, field = "baseUrl"): string {
  const rule = "must be an absolute http or https URL without credentials, query or fragment";
  if (typeof url !== "string" && !(url instanceof URL)) throw new ValidationError(field, rule);
  const text = String(url);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new ValidationError(field, rule);
  }
  if (
    (parsed.protocol !== "http:" && parsed.protocol !== "https:") ||
    parsed.hostname === "" ||
    parsed.username !== "" ||
    parsed.password !== "" ||
    text.includes("?") ||
    text.includes("#") ||
    text.trim() !== text
  ) {
    throw new ValidationError(field, rule);
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
  const known = listRegions(provider, service);
  if (known.length === 0) {
    throw new ValidationError("service", `must be one of ${SERVICES.filter((s) => regionTable(provider)[s].length > 0).join(", ")} for ${provider}`);
  }
  if (region !== undefined && (typeof region !== "string" || region === "" || region.trim() !== region)) {
    throw new ValidationError("region", "must be a non-empty string without surrounding whitespace");
  }
  if (baseUrl !== undefined) return { baseUrl: validateBaseUrl(baseUrl), region };
  if (region === undefined) throw new ValidationError("region", `is required unless baseUrl is given; one of ${known.join(", ")}`);
  if (!known.includes(region)) throw new ValidationError("region", `must be one of ${known.join(", ")}`);
  return { baseUrl: `https://${hostFor(provider, service, region)}`, region };
}
