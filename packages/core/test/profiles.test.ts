// API profiles: what a client passes to createTransport so that a bundler keeps only its own provider's code.
import { describe, expect, it } from "vitest";
import {
  API_IDS,
  API_PROFILES,
  ENVIRONMENT_VARIABLES,
  HUAWEICLOUD_DCS,
  HUAWEICLOUD_DDS,
  HUAWEICLOUD_RDS,
  JDCLOUD_RDS,
  isApiId,
  OTC_DCS,
  OTC_DDS,
  OTC_RDS,
  ValidationError,
  createRequestSigner,
  createTransport,
  credentialsFromEnv,
  findApiProfile,
  formatUserAgent,
  listRegions,
  resolveApiEndpoint,
  resolveEndpoint,
  CORE_VERSION,
  type TransportOptions,
} from "../src/index.js";
import { readEnvironment } from "../src/credentials.js";
import { recordingFetch } from "./helpers/reference-signers.js";

const AK = "AKEXAMPLE0000000";
const SK = "sk-secret-value-0123456789";

describe("API profiles", () => {
  it("one profile per client package, in the order of the API ids", () => {
    expect(API_IDS).toEqual(["otc-rds", "huaweicloud-rds", "otc-dds", "huaweicloud-dds", "huaweicloud-dcs", "otc-dcs", "jdcloud-rds"]);
    expect(API_PROFILES.map((api) => `${api.provider}-${api.service}`)).toEqual([...API_IDS]);
    expect([OTC_RDS, HUAWEICLOUD_RDS, OTC_DDS, HUAWEICLOUD_DDS, HUAWEICLOUD_DCS, OTC_DCS, JDCLOUD_RDS]).toEqual(API_PROFILES);
  });

  it("isApiId accepts exactly the API ids", () => {
    expect(API_IDS.map((id) => isApiId(id))).toEqual([true, true, true, true, true, true, true]);
    expect(["", "otc", "OTC-RDS", "jdcloud-dds", "otc-rds ", "aws-rds", "toString"].map((id) => isApiId(id))).toEqual([false, false, false, false, false, false, false]);
  });

  it("carry the same regions, environment names and endpoints as the provider-wide functions", () => {
    for (const api of API_PROFILES) {
      expect(api.regions).toEqual(listRegions(api.provider, api.service));
      expect(api.env).toBe(ENVIRONMENT_VARIABLES[api.provider]);
      expect(findApiProfile(api.provider, api.service)).toBe(api);
      for (const region of api.regions) {
        expect(resolveApiEndpoint(api, region)).toEqual(resolveEndpoint({ provider: api.provider, service: api.service, region }));
      }
    }
    expect(findApiProfile("jdcloud", "dds")).toBeUndefined();
  });

  it("are frozen, region lists included", () => {
    for (const api of API_PROFILES) {
      expect(Object.isFrozen(api)).toBe(true);
      expect(Object.isFrozen(api.regions)).toBe(true);
      expect([...api.regions].sort()).toEqual(api.regions);
    }
  });

  it("resolve the hosts the vendors document", () => {
    expect(resolveApiEndpoint(OTC_RDS, "eu-ch2").baseUrl).toBe("https://rds.eu-ch2.sc.otc.t-systems.com");
    expect(resolveApiEndpoint(OTC_DCS, "eu-nl").baseUrl).toBe("https://dcs.eu-nl.otc.t-systems.com");
    expect(resolveApiEndpoint(HUAWEICLOUD_DDS, "eu-west-101").baseUrl).toBe("https://dds.eu-west-101.myhuaweicloud.eu");
    expect(resolveApiEndpoint(HUAWEICLOUD_DCS, "eu-west-101").baseUrl).toBe("https://dcs.eu-west-101.myhuaweicloud.com");
    expect(resolveApiEndpoint(JDCLOUD_RDS, "cn-south-1").baseUrl).toBe("https://rds.jdcloud-api.com");
    expect(() => resolveApiEndpoint(OTC_DDS, "eu-ch2")).toThrow(new ValidationError("region", "must be one of eu-de, eu-nl"));
    expect(() => resolveApiEndpoint(OTC_DDS, " eu-de")).toThrow(new ValidationError("region", "must be a non-empty string without surrounding whitespace"));
  });
});

describe("createTransport with a profile", () => {
  it("refuses options without a profile, naming the field", () => {
    const legacy = { provider: "otc", service: "rds", region: "eu-de", credentials: { accessKey: AK, secretKey: SK } };
    expect(() => createTransport(legacy as unknown as TransportOptions)).toThrow(new ValidationError("api", "must be an API profile such as OTC_RDS"));
  });

  it("needs a region for JD Cloud even with a baseUrl, and lists the known ones", () => {
    expect(() => createTransport({ api: JDCLOUD_RDS, baseUrl: "http://127.0.0.1:1", credentials: { accessKey: AK, secretKey: SK } })).toThrow(
      new ValidationError("region", "is required for jdcloud (it is signed and part of the path); one of cn-east-1, cn-east-2, cn-north-1, cn-south-1"),
    );
    expect(() => createRequestSigner({ provider: "jdcloud", credentials: { accessKey: AK, secretKey: SK } })).toThrow(
      new ValidationError("region", "is required for jdcloud (it is signed and part of the path)"),
    );
  });

  it("refuses a JD Cloud region that would change the path or the scope, even with a baseUrl (it fills a path segment and the scope)", () => {
    const cases: Array<[string, string]> = [
      ["..", 'must not be "." or ".."'],
      [".", 'must not be "." or ".."'],
      ["a/b", 'must not contain "/"'],
      ["x/../../v2", 'must not contain "/"'],
      ["a b", "must not contain whitespace"],
      [" cn-north-1", "must be a non-empty string without surrounding whitespace"],
    ];
    for (const [region, rule] of cases) {
      const rec = recordingFetch();
      expect(() =>
        createTransport({ api: JDCLOUD_RDS, baseUrl: "http://127.0.0.1:1", region, credentials: { accessKey: AK, secretKey: SK }, fetch: rec.fetch }),
      ).toThrow(new ValidationError("region", rule));
      expect(() => createRequestSigner({ provider: "jdcloud", region, credentials: { accessKey: AK, secretKey: SK } })).toThrow(new ValidationError("region", rule));
      expect(rec.calls).toEqual([]);
    }
    // A region outside JD's list is still fine with a baseUrl (a private endpoint).
    expect(createTransport({ api: JDCLOUD_RDS, baseUrl: "http://127.0.0.1:1", region: "cn-west-9", credentials: { accessKey: AK, secretKey: SK } }).region).toBe("cn-west-9");
  });

  it("appends the application's product tokens to the User-Agent, and checks them", async () => {
    expect(formatUserAgent({ name: "@backup-links/otc-rds", version: "0.1.0", extra: "my-job/1.2 (nightly)" })).toBe(
      `backup-links-otc-rds/0.1.0 backup-links-core/${CORE_VERSION} my-job/1.2 (nightly)`,
    );
    const rec = recordingFetch();
    const transport = createTransport({
      api: OTC_RDS,
      region: "eu-de",
      credentials: { token: "t0k" },
      userAgent: { name: "@backup-links/otc-rds", version: "0.1.0", extra: "my-job/1.2" },
      fetch: rec.fetch,
    });
    await transport.fetch(new Request("https://rds.eu-de.otc.t-systems.com/v3/p/backup-files?backup_id=b"));
    expect(rec.calls[0]!.headers.get("user-agent")).toBe(`backup-links-otc-rds/0.1.0 backup-links-core/${CORE_VERSION} my-job/1.2`);
    const bad = { api: OTC_RDS, region: "eu-de", credentials: { token: "t0k" }, userAgent: { name: "n", version: "1", extra: "a/1\r\nX-Evil: 1" } };
    expect(() => createTransport(bad)).toThrow(new ValidationError("userAgent.extra", "must be product tokens of visible ASCII characters, e.g. my-app/1.0"));
  });
});

describe("readEnvironment (what a client bundles)", () => {
  const env = { OS_ACCESS_KEY: "A", OS_SECRET_KEY: "S\n", OS_PROJECT_ID: "p", OS_REGION_NAME: "eu-nl" };

  it("reads the same values as credentialsFromEnv, with plain credentials for the transport", () => {
    const plain = readEnvironment(OTC_RDS.env, env);
    expect(JSON.parse(JSON.stringify(plain))).toEqual({ credentials: { accessKey: "A", secretKey: "S" }, projectId: "p", region: "eu-nl" });
    const protectedConfig = credentialsFromEnv("otc", env);
    expect(JSON.parse(JSON.stringify(protectedConfig))).toEqual({ credentials: { accessKey: "A", secretKey: "<redacted>" }, projectId: "p", region: "eu-nl" });
    expect(Object.keys(protectedConfig)).toEqual(["credentials", "projectId", "region"]);
  });
});
