import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";

type Core = typeof import("../src/index.js");
type Backend = "node:crypto" | "webcrypto";

/**
 * Core as a runtime with the given crypto sees it: Node (node:crypto found through process.getBuiltinModule), or a
 * browser/worker (no process.getBuiltinModule, so Web Crypto). The module is loaded afresh for each.
 */
async function loadCore(backend: Backend): Promise<{ core: Core; backend: string; fastPaths: boolean }> {
  vi.resetModules();
  const original = process.getBuiltinModule;
  if (backend === "webcrypto") {
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    // As a browser bundler builds it (package.json `browser`): no Node fast paths either.
    vi.doMock("../src/signers/fast-paths.js", () => import("../src/signers/fast-paths-web.js"));
  }
  try {
    const core = await import("../src/index.js");
    const { DIGEST_BACKEND } = await import("../src/signers/digest.js");
    const { formatSigningDateFast } = await import("../src/signers/fast-paths.js");
    return { core, backend: DIGEST_BACKEND, fastPaths: formatSigningDateFast(new Date(0)) !== undefined };
  } finally {
    process.getBuiltinModule = original;
    vi.doUnmock("../src/signers/fast-paths.js");
    vi.resetModules();
  }
}

interface Vector {
  name: string;
  credentials: { ak: string; sk: string };
  date: string;
  region?: string;
  service?: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  signedHeaders: string[];
  canonical?: string;
  intermediate?: { kDate: string; kRegion: string; kService: string; kSigning: string };
  authorization: string;
}

const vectors = JSON.parse(readFileSync(new URL("./fixtures/signing-vectors.json", import.meta.url), "utf8")) as {
  "sdk-hmac-sha256": Vector[];
  "sdk-hmac-sha256-canonical-query": Array<{ name: string; query: Array<[string, string]>; canonical: string }>;
  "jdcloud2-hmac-sha256": Vector[];
};

describe.each(["node:crypto", "webcrypto"] as const)("with %s", (backend) => {
  let core: Core;
  beforeAll(async () => {
    const loaded = await loadCore(backend);
    expect(loaded.backend).toBe(backend);
    expect(loaded.fastPaths).toBe(backend === "node:crypto");
    core = loaded.core;
  });

  describe("SDK-HMAC-SHA256 published vectors", () => {
    it("has the five vectors", () => expect(vectors["sdk-hmac-sha256"]).toHaveLength(5));
    for (const v of vectors["sdk-hmac-sha256"]) {
      it(v.name, async () => {
        const result = await core.signSdkHmacSha256(
          v.request,
          { accessKey: v.credentials.ak, secretKey: v.credentials.sk },
          v.signedHeaders,
        );
        if (v.canonical !== undefined) expect(result.canonicalRequest).toBe(v.canonical);
        expect(result.authorization).toBe(v.authorization);
      });
    }
    for (const v of vectors["sdk-hmac-sha256-canonical-query"]) {
      it(`${v.name} (decoded pairs)`, () => {
        expect(core.canonicalQueryString(v.query)).toBe(v.canonical);
      });
      it(`${v.name} (as encoded on the wire by URLSearchParams)`, () => {
        expect(core.canonicalQueryString(new URLSearchParams(v.query).toString())).toBe(v.canonical);
      });
    }
  });

  describe("JDCLOUD2-HMAC-SHA256 published vectors", () => {
    it("has the three vectors", () => expect(vectors["jdcloud2-hmac-sha256"]).toHaveLength(3));
    for (const v of vectors["jdcloud2-hmac-sha256"]) {
      it(v.name, async () => {
        const result = await core.signJdCloud2(
          v.request,
          { accessKey: v.credentials.ak, secretKey: v.credentials.sk },
          { region: v.region!, service: v.service! },
          v.signedHeaders,
        );
        if (v.canonical !== undefined) expect(result.canonicalRequest).toBe(v.canonical);
        expect(result.authorization).toBe(v.authorization);
      });
      if (v.intermediate) {
        it(`${v.name} intermediate keys`, async () => {
          const keys = await core.deriveJdCloud2SigningKey(v.credentials.sk, v.date.slice(0, 8), v.region!, v.service!);
          expect(keys).toEqual(v.intermediate);
        });
      }
    }
  });

  it("signs the same request twice with the same result (cached JD signing key)", async () => {
    const v = vectors["jdcloud2-hmac-sha256"][0]!;
    const sign = () =>
      core.signJdCloud2(v.request, { accessKey: v.credentials.ak, secretKey: v.credentials.sk }, { region: v.region!, service: v.service! }, v.signedHeaders);
    const [first, second] = await Promise.all([sign(), sign()]);
    expect(first.authorization).toBe(v.authorization);
    expect(second.authorization).toBe(v.authorization);
    expect((await sign()).authorization).toBe(v.authorization);
  });
});
