/**
 * Every mock serves its API's "list backups" operation from the shipped spec: a list request gets the spec's first
 * documented example with no violation, DCS's "no backups" 204 is reachable with `Prefer: code=204`, and a page
 * size out of range gets the spec's first 400 example with a violation naming the parameter.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_IDS, specPath, startMocks, type ApiId, type Mocks } from "../dist/index.js";
import { exampleRequests, send, type ExampleRequest } from "./spec-requests.js";

const LIST_OPERATION_IDS: Record<ApiId, string> = {
  "otc-rds": "listBackups",
  "huaweicloud-rds": "listBackups",
  "otc-dds": "listBackups",
  "huaweicloud-dds": "listBackups",
  "huaweicloud-dcs": "listBackupRecords",
  "otc-dcs": "listBackupRecords",
  "jdcloud-rds": "describeBackups",
};

type Json = Record<string, any>;

/** The named examples of a response of the list operation in the shipped spec, in document order. */
function listExamples(id: ApiId, status: string): unknown[] {
  const doc = JSON.parse(readFileSync(specPath(id), "utf8")) as Json;
  const operation = Object.values(doc.paths as Json)
    .flatMap((item: Json) => Object.values(item))
    .find((op: Json) => op?.operationId === LIST_OPERATION_IDS[id]) as Json;
  const name = operation.responses[status].$ref.split("/").pop();
  const examples = doc.components.responses[name].content["application/json"].examples as Record<string, { value: unknown }>;
  return Object.values(examples).map((example) => example.value);
}

function listRequest(id: ApiId): ExampleRequest {
  const request = exampleRequests(specPath(id)).find((r) => r.operationId === LIST_OPERATION_IDS[id]);
  if (!request) throw new Error(`${id}: no ${LIST_OPERATION_IDS[id]} operation in the shipped spec`);
  return request;
}

/** The same request with one query parameter set. */
function withQuery(request: ExampleRequest, name: string, value: string): ExampleRequest {
  const url = new URL(request.path, "http://mock.invalid");
  url.searchParams.set(name, value);
  return { ...request, path: `${url.pathname}${url.search}` };
}

describe("list operations on every mock", () => {
  let mocks: Mocks;
  beforeAll(async () => {
    mocks = await startMocks();
  }, 120_000);
  afterAll(() => mocks?.stop());

  it.each(API_IDS)("%s answers its list request with 200 and the first documented example", async (id) => {
    const request = listRequest(id);
    expect(request.method).toBe("GET");
    const response = await send(mocks.urls[id] as string, request);
    expect([response.status, response.headers.get("sl-violations")]).toEqual([200, null]);
    expect(await response.json()).toEqual(listExamples(id, "200")[0]);
  });

  it.each(["huaweicloud-dcs", "otc-dcs"] as ApiId[])("%s answers Prefer: code=204 with 204 and no body", async (id) => {
    const response = await send(mocks.urls[id] as string, listRequest(id), { Prefer: "code=204" });
    expect([response.status, await response.text()]).toEqual([204, ""]);
  });

  it.each(API_IDS)("%s answers a page size out of range with the documented 400", async (id) => {
    const bad = id === "jdcloud-rds" ? withQuery(listRequest(id), "pageSize", "15") : withQuery(listRequest(id), "limit", "0");
    const response = await send(mocks.urls[id] as string, bad);
    expect(response.status).toBe(400);
    const violations = JSON.parse(response.headers.get("sl-violations") ?? "[]") as { location: string[] }[];
    expect(violations.map((v) => v.location.join("."))).toEqual([id === "jdcloud-rds" ? "request.query.pagesize" : "request.query.limit"]);
    expect(await response.json()).toEqual(listExamples(id, "400")[0]);
  });
});
