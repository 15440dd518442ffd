import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_IDS, MockUsageError, PrismStartError, specPath, startMock, startMocks, type Mocks } from "../dist/index.js";
import { PACKAGE_DIR, freePortRange, leftovers, occupy, processes } from "./helpers.js";
import { exampleRequests, send } from "./spec-requests.js";

/** Prism processes this test process started (they are its direct children). */
const myPrisms = () => processes().filter((row) => row.ppid === process.pid && row.args.includes("prism-cli"));

describe("the shipped specs", () => {
  it("are exactly the workspace's bundled specs, one per API id", () => {
    expect(readdirSync(join(PACKAGE_DIR, "specs")).sort()).toEqual(API_IDS.map((id) => `${id}.json`).sort());
    for (const id of API_IDS) {
      const bundled = join(PACKAGE_DIR, "..", "..", "specs", id, "dist", "openapi.json");
      expect(readFileSync(specPath(id), "utf8"), id).toBe(readFileSync(bundled, "utf8"));
    }
  });

  it("come from the spec packages this package depends on, the same list as API_IDS", () => {
    const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    const specPackages = Object.keys(manifest.devDependencies).filter((name) => name.startsWith("@backup-links/spec-"));
    expect(specPackages).toEqual(API_IDS.map((id) => `@backup-links/spec-${id}`));
  });
});

describe("startMocks on consecutive ports", () => {
  let mocks: Mocks;
  let base: number;
  beforeAll(async () => {
    base = await freePortRange(2);
    mocks = await startMocks({ apis: ["otc-rds", "jdcloud-rds"], port: base });
  });
  afterAll(() => mocks?.stop());

  it("reports one URL per API, in order, from the base port", () => {
    expect(mocks.urls).toEqual({ "otc-rds": `http://127.0.0.1:${base}`, "jdcloud-rds": `http://127.0.0.1:${base + 1}` });
    expect(Object.keys(mocks.servers)).toEqual(["otc-rds", "jdcloud-rds"]);
  });

  for (const api of ["otc-rds", "jdcloud-rds"] as const) {
    it(`answers every operation of ${api} with 200 and no violation`, async () => {
      const requests = exampleRequests(specPath(api));
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) {
        const response = await send(mocks.urls[api] as string, request);
        expect([request.operationId, response.status, response.headers.get("sl-violations")]).toEqual([request.operationId, 200, null]);
      }
    });
  }

  it("stop() ends every Prism", async () => {
    const pids = Object.values(mocks.servers).map((server) => server.pid);
    await mocks.stop();
    for (const pid of pids) expect(leftovers({ pgid: pid })).toEqual([]);
  });
});

describe("startMock", () => {
  it("starts one API on a free port", async () => {
    const mock = await startMock("huaweicloud-dcs");
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const [request] = exampleRequests(specPath("huaweicloud-dcs"));
      expect(request?.method).toBe("POST");
      expect((await send(mock.url, request!)).status).toBe(200);
    } finally {
      await mock.stop();
    }
    expect(leftovers({ pgid: mock.server.pid })).toEqual([]);
  });
});

describe("bad usage is refused before anything starts", () => {
  const cases: [string, Parameters<typeof startMocks>[0], string][] = [
    ["an unknown API id", { apis: ["otc-rds", "aws-rds" as never] }, `unknown API id "aws-rds"; known ids: ${API_IDS.join(", ")}`],
    ["an API listed twice", { apis: ["otc-dds", "otc-dds"] }, 'API id "otc-dds" is listed twice'],
    ["an empty list", { apis: [] }, "no API to mock: name at least one API id"],
    ["a negative port", { port: -1 }, "port must be an integer from 0 to 65535, got -1"],
    ["a port above 65535", { port: 65536 }, "port must be an integer from 0 to 65535, got 65536"],
    ["a fractional port", { port: 4010.5 }, "port must be an integer from 0 to 65535, got 4010.5"],
    ["a base port too high for the number of mocks", { apis: ["otc-rds", "otc-dds"], port: 65535 }, "port 65535 is too high for 2 mocks: they need ports 65535-65536, the last port is 65535"],
    ["an empty host", { host: " " }, "host must not be empty"],
  ];
  for (const [what, options, message] of cases) {
    it(what, async () => {
      const error = await startMocks(options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MockUsageError);
      expect((error as Error).message).toBe(message);
      expect(myPrisms()).toEqual([]);
    });
  }

  it("a port in use, naming the port and the API that needed it", async () => {
    const base = await freePortRange(2);
    const blocker = await occupy(base + 1);
    try {
      const error = await startMocks({ apis: ["otc-rds", "jdcloud-rds"], port: base }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MockUsageError);
      expect((error as Error).message).toBe(`port ${base + 1} on 127.0.0.1 (for jdcloud-rds) is not available: already in use`);
      expect(myPrisms()).toEqual([]);
    } finally {
      await blocker.release();
    }
  });
});

describe("when Prism itself fails", () => {
  it("throws Prism's reason and leaves none of the mocks running", async () => {
    // 192.0.2.1 (TEST-NET-1) is not an address of this machine, so every Prism fails to listen.
    const error = await startMocks({ apis: ["otc-rds", "otc-dcs"], host: "192.0.2.1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrismStartError);
    expect((error as Error).message).toMatch(/^Prism could not start for otc-rds: listen EADDRNOTAVAIL: address not available 192\.0\.2\.1\n/);
    expect(myPrisms()).toEqual([]);
  });
});
