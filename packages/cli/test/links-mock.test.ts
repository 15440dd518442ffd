import http from "node:http";
import type { AddressInfo } from "node:net";
import { startMocks, type Mocks } from "@backup-links/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_IDS, type ApiId } from "@backup-links/core";
import { getBackupLinks } from "../src/links/get-backup-links.js";
import { nodeFetch } from "../src/links/node-fetch.js";
import { runCaptured, TEST_ENV, TEST_SECRETS } from "./helpers/run.js";
import { defaultSuccessExample } from "./helpers/spec-example.js";

/** Valid arguments for each API (ids in the shape of the vendors' examples). */
export const API_ARGS: Record<ApiId, string[]> = {
  "otc-rds": ["--backup-id", "2f4ddb93b9014b0893d81d2e472f30febr01"],
  "huaweicloud-rds": ["--backup-id", "2f4ddb93b9014b0893d81d2e472f30febr01"],
  "otc-dds": ["--backup-id", "2f4ddb93b9014b0893d81d2e472f30febr02", "--instance-id", "c0c7a2f2a55c4c3db9d0c2c2ad1f8bf9in02"],
  "huaweicloud-dds": ["--backup-id", "2f4ddb93b9014b0893d81d2e472f30febr02", "--instance-id", "c0c7a2f2a55c4c3db9d0c2c2ad1f8bf9in02"],
  "huaweicloud-dcs": ["--backup-id", "b7b2a8a0-3d1c-4a3e-9a9e-111111111111", "--instance-id", "3c49a9d4-2f7c-4b0b-9f0e-222222222222"],
  "otc-dcs": ["--backup-id", "b7b2a8a0-3d1c-4a3e-9a9e-111111111111", "--instance-id", "3c49a9d4-2f7c-4b0b-9f0e-222222222222"],
  "jdcloud-rds": ["--backup-id", "mysql-backup-1", "--region", "cn-north-1"],
};

interface ExpectedFile {
  name: string;
  url: string;
  sizeBytes: number | null;
}

/** What the normalised answer must be, computed from the example Prism serves (so the test follows the spec). */
function expectedFiles(api: ApiId): ExpectedFile[] {
  const body = defaultSuccessExample(api) as Record<string, any>;
  if (api.endsWith("-dcs")) {
    return (body.links as any[]).map((link) => ({ name: link.file_name, url: link.link, sizeBytes: null }));
  }
  if (api === "jdcloud-rds") {
    const url: string = body.result.publicURL;
    return [{ name: decodeURIComponent(new URL(url).pathname.split("/").pop()!), url, sizeBytes: null }];
  }
  return (body.files as any[]).map((file) => ({ name: file.name, url: file.download_link, sizeBytes: file.size * 1024 }));
}

/** The global fetch (undici) for some tests, the CLI's own node:http fetch (its default) for others. */
const realFetch = (input: Request, init?: RequestInit) => fetch(input, init);

let mocks: Mocks;
beforeAll(async () => {
  mocks = await startMocks();
}, 90_000);
afterAll(async () => {
  await mocks?.stop();
});

describe.each(API_IDS)("backup-links links %s against the Prism mock", (api) => {
  const argv = () => ["links", api, "--endpoint", mocks.urls[api]!, ...API_ARGS[api]];

  it("prints JSON with the full links (--json)", async () => {
    const before = Date.now();
    const result = await runCaptured([...argv(), "--json"], { fetch: nodeFetch });
    const after = Date.now();
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.api).toBe(api);
    expect(parsed.files.map(({ name, url, sizeBytes }: ExpectedFile) => ({ name, url, sizeBytes }))).toEqual(expectedFiles(api));
    if (api.endsWith("-dcs")) {
      // DCS: request time + the default expiration of 1800 s.
      for (const file of parsed.files) {
        const at = Date.parse(file.expiresAt);
        expect(at).toBeGreaterThanOrEqual(before + 1_800_000);
        expect(at).toBeLessThanOrEqual(after + 1_800_000);
      }
    }
    if (api === "otc-dds") {
      expect(parsed.notes[0]).toBe("Open Telekom Cloud DDS links are valid for 15 minutes after they were last refreshed.");
      for (const file of parsed.files) expect(Date.parse(file.expiresAt)).toBeLessThanOrEqual(after + 15 * 60_000);
    }
    expect(result.requests).toHaveLength(1);
  });

  it("prints a table without any link (default)", async () => {
    const result = await runCaptured(argv(), { fetch: realFetch });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = expectedFiles(api);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe(`${api}: ${files.length} file${files.length === 1 ? "" : "s"} in backup ${API_ARGS[api][1]}`);
    expect(lines[2]).toMatch(/^FILE +SIZE {2}LINK EXPIRES$/);
    for (const file of files) {
      expect(result.stdout).toContain(file.name);
      expect(result.stdout).not.toContain(file.url);
      const query = new URL(file.url).search;
      if (query !== "") expect(result.stdout).not.toContain(query.slice(1));
    }
    expect(result.stdout).toContain("The links are secrets until they expire: add --show-links or --json to print them.");
    for (const secret of TEST_SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("adds the links to the table with --show-links", async () => {
    const result = await runCaptured([...argv(), "--show-links"], { fetch: realFetch });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[2]).toMatch(/^FILE +SIZE {2}LINK EXPIRES +LINK$/);
    for (const file of expectedFiles(api)) expect(result.stdout).toContain(file.url);
  });
});

describe("API errors", () => {
  it("exits 3 with the provider's error, and the request's query redacted, on an error answer", async () => {
    const result = await runCaptured(["links", "otc-rds", "--endpoint", mocks.urls["otc-rds"]!, ...API_ARGS["otc-rds"]], {
      fetch: (input, init) => {
        const request = new Request(input, init);
        request.headers.set("Prefer", "code=404");
        return fetch(request);
      },
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(`^backup-links: GET ${mocks.urls["otc-rds"]}/v3/${TEST_ENV.OS_PROJECT_ID}/backup-files\\?<redacted> failed with HTTP 404 `),
    );
    expect(result.stderr).not.toContain("2f4ddb93b9014b0893d81d2e472f30febr01");
    for (const secret of TEST_SECRETS) expect(result.stderr).not.toContain(secret);
  });

  it("exits 3 when the API cannot be reached", async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await runCaptured(["links", "otc-rds", "--endpoint", `http://127.0.0.1:${port}`, ...API_ARGS["otc-rds"]], {
      fetch: realFetch,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`(GET http://127.0.0.1:${port}/v3/${TEST_ENV.OS_PROJECT_ID}/backup-files?<redacted>)`);
  });
});

describe("getBackupLinks (library)", () => {
  it("returns the same normalised shape for every API", async () => {
    for (const api of API_IDS) {
      const args = API_ARGS[api];
      const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
      const links = await getBackupLinks({
        api,
        endpoint: mocks.urls[api],
        backupId: value("--backup-id")!,
        instanceId: value("--instance-id"),
        region: value("--region"),
        env: TEST_ENV,
      });
      expect(links.api).toBe(api);
      expect(links.files.map(({ name, url, sizeBytes }) => ({ name, url, sizeBytes: sizeBytes ?? null }))).toEqual(expectedFiles(api));
      for (const file of links.files) expect(file.expiresAt === undefined || file.expiresAt instanceof Date).toBe(true);
    }
  });
});
