import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingFetch, violationsOf } from "../src/prism-exchange.js";
import { bundledSpecPath, PrismStartError, startPrism, type ApiId, type PrismServer } from "../src/prism.js";

const TINY = fileURLToPath(new URL("./fixtures/prism-tiny.json", import.meta.url));
const AUTH = { "X-Auth-Token": "test-token" };

/** pid and process group of every process, from `ps`. */
function processTable(): { pid: number; pgid: number }[] {
  return execFileSync("ps", ["-eo", "pid=,pgid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .map(([pid, pgid]) => ({ pid: pid as number, pgid: pgid as number }));
}

describe("the harness on a fixture spec", () => {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism({ spec: TINY });
  });
  afterAll(() => prism?.stop());

  it("records the raw exchange and finds no violations in a valid request", async () => {
    const recorder = recordingFetch();
    const response = await recorder.fetch(`${prism.url}/v1/things/t-1?limit=3`, { headers: AUTH });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: "thing-1" }); // the client still gets an unread body
    const exchange = recorder.last();
    expect(exchange).toMatchObject({
      method: "GET",
      url: `${prism.url}/v1/things/t-1?limit=3`,
      status: 200,
      responseBody: '{"name":"thing-1"}',
      violations: [],
      requestBody: "",
    });
    expect(exchange.requestHeaders["x-auth-token"]).toBe("test-token");
    expect(exchange.requestHeaders["prefer"]).toBeUndefined();
    expect(exchange.responseHeaders["content-type"]).toBe("application/json");
  });

  it("adds Prefer to every request, which selects the documented response", async () => {
    const recorder = recordingFetch({ prefer: "code=404" });
    const response = await recorder.fetch(new Request(`${prism.url}/v1/things/t-1?limit=3`, { headers: AUTH }));
    expect(response.status).toBe(404);
    expect(recorder.last().requestHeaders["prefer"]).toBe("code=404");
    expect(recorder.last().responseBody).toBe('{"error_code":"E404"}');
  });

  it("parses Prism's sl-violations of an invalid request", async () => {
    const recorder = recordingFetch();
    await recorder.fetch(`${prism.url}/v1/things/t-1?limit=zero`, { headers: AUTH });
    await recorder.fetch(`${prism.url}/v1/things/t-1?limit=3`);
    expect(recorder.exchanges.map((e) => [e.status, e.violations])).toEqual([
      [400, [{ location: ["request", "query", "limit"], severity: "Error", code: "type", message: "Request query parameter limit must be integer" }]],
      [401, [{ location: ["request"], severity: "Error", code: 401, message: "Invalid security scheme used" }]],
    ]);
  });

  it("throws when asked for the last exchange before any", () => {
    expect(() => recordingFetch().last()).toThrow("no request was sent");
  });
});

describe("violationsOf", () => {
  it("is empty without the header and rejects a header that is not an array", () => {
    expect(violationsOf(new Headers())).toEqual([]);
    expect(() => violationsOf(new Headers({ "sl-violations": '{"a":1}' }))).toThrow('sl-violations is not a JSON array: {"a":1}');
  });
});

describe("stopping", () => {
  it("leaves neither the Prism process nor anything in its process group", async () => {
    const prism = await startPrism({ spec: TINY });
    const before = processTable().filter((row) => row.pgid === prism.pid);
    expect(before.map((row) => row.pid)).toContain(prism.pid);
    await prism.stop();
    expect(processTable().filter((row) => row.pid === prism.pid || row.pgid === prism.pid)).toEqual([]);
  });

  it("fails fast with Prism's own output when it cannot start", async () => {
    const error = await startPrism({ spec: TINY, host: "192.0.2.1", name: "unroutable" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrismStartError);
    expect((error as Error).message).toMatch(/^Prism could not start for unroutable: listen EADDRNOTAVAIL: address not available 192\.0\.2\.1/);
  });
});

describe("bundledSpecPath", () => {
  it("refuses an unknown API id", () => {
    expect(() => bundledSpecPath("aws-rds" as ApiId)).toThrow(
      'unknown API id "aws-rds"; known ids: otc-rds, huaweicloud-rds, otc-dds, huaweicloud-dds, huaweicloud-dcs, otc-dcs, jdcloud-rds',
    );
  });
});
