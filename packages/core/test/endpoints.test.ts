import { describe, expect, it } from "vitest";
import { ValidationError, listRegions, resolveEndpoint, validateBaseUrl } from "../src/index.js";

describe("resolveEndpoint", () => {
  it.each([
    ["otc", "rds", "eu-de", "https://rds.eu-de.otc.t-systems.com"],
    ["otc", "dds", "eu-nl", "https://dds.eu-nl.otc.t-systems.com"],
    ["otc", "dcs", "eu-de", "https://dcs.eu-de.otc.t-systems.com"],
    ["otc", "rds", "eu-ch2", "https://rds.eu-ch2.sc.otc.t-systems.com"],
    ["huaweicloud", "rds", "ap-southeast-1", "https://rds.ap-southeast-1.myhuaweicloud.com"],
    ["huaweicloud", "rds", "eu-west-101", "https://rds.eu-west-101.myhuaweicloud.eu"],
    ["huaweicloud", "dds", "eu-west-101", "https://dds.eu-west-101.myhuaweicloud.eu"],
    ["huaweicloud", "dcs", "eu-west-101", "https://dcs.eu-west-101.myhuaweicloud.com"],
    ["huaweicloud", "dcs", "cn-north-4", "https://dcs.cn-north-4.myhuaweicloud.com"],
    ["huaweicloud", "rds", "af-north-1", "https://rds.af-north-1.myhuaweicloud.com"],
    ["jdcloud", "rds", "cn-north-1", "https://rds.jdcloud-api.com"],
    ["jdcloud", "rds", "cn-south-1", "https://rds.jdcloud-api.com"],
  ] as const)("%s %s %s -> %s", (provider, service, region, baseUrl) => {
    expect(resolveEndpoint({ provider, service, region })).toEqual({ baseUrl, region });
  });

  it("every listed region resolves to an https URL with the service as first label", () => {
    for (const provider of ["otc", "huaweicloud", "jdcloud"] as const) {
      for (const service of ["rds", "dds", "dcs"] as const) {
        for (const region of listRegions(provider, service)) {
          const { baseUrl } = resolveEndpoint({ provider, service, region });
          expect(baseUrl).toMatch(new RegExp(`^https://${service}\\.[a-z0-9.-]+$`));
          if (provider !== "jdcloud") expect(baseUrl).toContain(`.${region}.`);
        }
      }
    }
  });

  it("an unknown region is a ValidationError listing the known ones", () => {
    expect(() => resolveEndpoint({ provider: "otc", service: "dds", region: "eu-ch2" })).toThrow(new ValidationError("region", "must be one of eu-de, eu-nl"));
    expect(() => resolveEndpoint({ provider: "jdcloud", service: "rds", region: "cn-west-9" })).toThrow(
      "region: must be one of cn-east-1, cn-east-2, cn-north-1, cn-south-1",
    );
  });

  it("requires a region unless a baseUrl is given", () => {
    expect(() => resolveEndpoint({ provider: "otc", service: "rds" })).toThrow("region: is required unless baseUrl is given; one of eu-ch2, eu-de, eu-nl");
    expect(resolveEndpoint({ provider: "otc", service: "rds", baseUrl: "http://127.0.0.1:4010/" })).toEqual({ baseUrl: "http://127.0.0.1:4010", region: undefined });
    // a private region with an explicit endpoint
    expect(resolveEndpoint({ provider: "huaweicloud", service: "rds", region: "private-1", baseUrl: "https://rds.example.internal/api/" })).toEqual({
      baseUrl: "https://rds.example.internal/api",
      region: "private-1",
    });
  });

  it("rejects services JD Cloud does not have here", () => {
    expect(() => resolveEndpoint({ provider: "jdcloud", service: "dds", region: "cn-north-1" })).toThrow(new ValidationError("service", "must be one of rds for jdcloud"));
  });

  it("rejects unknown providers and services", () => {
    expect(() => resolveEndpoint({ provider: "aws" as never, service: "rds", region: "x" })).toThrow("provider: must be one of huaweicloud, jdcloud, otc");
    expect(() => resolveEndpoint({ provider: "otc", service: "ecs" as never, region: "eu-de" })).toThrow("service: must be one of dcs, dds, rds");
  });
});

describe("listRegions", () => {
  it("lists sorted region ids per provider and service", () => {
    expect(listRegions("otc", "rds")).toEqual(["eu-ch2", "eu-de", "eu-nl"]);
    expect(listRegions("otc", "dcs")).toEqual(["eu-de", "eu-nl"]);
    expect(listRegions("jdcloud", "rds")).toEqual(["cn-east-1", "cn-east-2", "cn-north-1", "cn-south-1"]);
    expect(listRegions("jdcloud", "dcs")).toEqual([]);
    expect(listRegions("huaweicloud", "rds")).toHaveLength(29);
    expect(listRegions("huaweicloud", "dds")).toHaveLength(26);
    expect(listRegions("huaweicloud", "dcs")).toHaveLength(27);
    expect(listRegions("huaweicloud", "dds")).not.toContain("cn-east-5");
    expect(listRegions("huaweicloud", "dcs")).toContain("cn-east-5");
    const rds = listRegions("huaweicloud", "rds");
    expect([...rds].sort()).toEqual(rds);
  });
});

describe("validateBaseUrl", () => {
  it.each(["ftp://h", "h.example.com", "https://u:p@h", "https://h/?q=1", "https://h/#x", " https://h", "", "javascript:alert(1)", "http://"])(
    "rejects %j",
    (url) => {
      expect(() => validateBaseUrl(url)).toThrow(new ValidationError("baseUrl", "must be an absolute http or https URL without credentials, query or fragment"));
    },
  );
  it("normalises trailing slashes", () => {
    expect(validateBaseUrl("https://Proxy.Example.com:8443/otc//")).toBe("https://proxy.example.com:8443/otc");
    expect(validateBaseUrl(new URL("http://127.0.0.1:4010"))).toBe("http://127.0.0.1:4010");
    expect(() => validateBaseUrl(42, "mockUrl")).toThrow("mockUrl: must be");
  });
});
