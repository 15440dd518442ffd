// Bundle size is deterministic for fixed inputs, so the budget is a fair test (the numbers: `pnpm size`).
import { describe, expect, it } from "vitest";
import { BUDGET_BYTES, measureBundle } from "../scripts/bundle-size.ts";
import { CLIENT_PACKAGES } from "../src/published.ts";

/** Strings only one provider's code has: its environment names, its endpoint hosts, its signature algorithm. */
const PROVIDER_MARKERS: Record<string, string[]> = {
  otc: ["OS_ACCESS_KEY", "otc.t-systems.com", "SDK-HMAC-SHA256"],
  huaweicloud: ["HUAWEICLOUD_SDK_AK", "myhuaweicloud", "SDK-HMAC-SHA256"],
  jdcloud: ["JDCLOUD_ACCESS_KEY", "jdcloud-api.com", "JDCLOUD2-HMAC-SHA256"],
};
/** Huawei Cloud regions that only some services have: a bundle carries its own service's table only. */
const HUAWEI_SERVICE_REGIONS: Record<string, { has: string[]; hasNot: string[] }> = {
  rds: { has: ["af-north-1", "cn-east-5"], hasNot: [] },
  dds: { has: [], hasNot: ["af-north-1", "cn-east-5"] },
  dcs: { has: ["cn-east-5"], hasNot: ["af-north-1"] },
};

describe.each(CLIENT_PACKAGES.map((p) => [p.name, p.factory!] as const))("%s browser bundle", (name, factory) => {
  const [provider, service] = name.replace("@backup-links/", "").split("-") as [string, string];

  it(`is under ${BUDGET_BYTES} bytes minified and gzipped`, async () => {
    const size = await measureBundle(name, factory);
    expect(size.gzippedBytes).toBeLessThan(BUDGET_BYTES);
    expect(size.minifiedBytes).toBeGreaterThan(1000); // the factory, core and openapi-fetch are really in it
  });

  it("carries Web Crypto digests and no Node-only code (core's `browser` field swaps those modules out)", async () => {
    const { code } = await measureBundle(name, factory);
    expect(code).toContain("crypto.subtle is unavailable");
    for (const nodeOnly of ["getBuiltinModule", "createHmac", "padStart(4"]) expect(code, nodeOnly).not.toContain(nodeOnly);
  });

  it("carries none of @backup-links/core/node (configuration files, the IAM password login), only the token-source hook", async () => {
    const { code } = await measureBundle(name, factory);
    for (const nodeEntry of ["x-subject-token", "/auth/tokens", "clouds.yaml", "HUAWEICLOUD_SDK_REGIONS_FILE", "\".jdc\"", "[section]"]) {
      expect(code, nodeEntry).not.toContain(nodeEntry);
    }
  });

  it("carries its own provider's signer, endpoints and environment names, and no other provider's", async () => {
    const { code } = await measureBundle(name, factory);
    const own = PROVIDER_MARKERS[provider]!;
    for (const marker of own) expect(code, marker).toContain(marker);
    const others = Object.entries(PROVIDER_MARKERS).flatMap(([id, markers]) => (id === provider ? [] : markers));
    for (const marker of others.filter((m) => !own.includes(m))) expect(code, marker).not.toContain(marker);
    if (provider === "huaweicloud") {
      const regions = HUAWEI_SERVICE_REGIONS[service]!;
      for (const region of regions.has) expect(code, region).toContain(`"${region}"`);
      for (const region of regions.hasNot) expect(code, region).not.toContain(`"${region}"`);
    }
  });
});
