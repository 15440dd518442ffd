/**
 * Prism serving each bundled spec's list operation, without client code: a valid request gets the first documented
 * example (which validates), every named example is reachable, DCS's 204 is reachable with `Prefer: code=204`,
 * and each bad query gets the operation's documented 400 body with a violation naming the parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BAD_LIST_QUERIES,
  LIST_OPERATIONS,
  documentedExample,
  listRequestUrl,
  mockAuthHeaders,
} from "@backup-links/testkit/list-operations.ts";
import { startSpecPrism, type PrismServer } from "@backup-links/testkit/prism";
import { violationsOf } from "@backup-links/testkit/prism-exchange";
import { compileResponseValidator, formatErrors } from "@backup-links/testkit/schema.ts";
import { API_IDS, bundledSpec, type ApiId } from "./support.ts";

type Json = Record<string, any>;

describe.each(API_IDS)("Prism on %s's list operation", (id: ApiId) => {
  const spec = bundledSpec(id);
  const { path, method } = LIST_OPERATIONS[id];
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startSpecPrism(id);
  }, 60_000);
  afterAll(() => prism?.stop());

  const get = (query: Record<string, string | null> = {}, headers: Record<string, string> = {}) =>
    fetch(listRequestUrl(id, prism.url, query), { headers: { ...mockAuthHeaders(id), ...headers } });

  it("answers a valid request with 200 and the first documented example, which validates", async () => {
    const response = await get();
    expect([response.status, violationsOf(response.headers)]).toEqual([200, []]);
    const body = (await response.json()) as Json;
    expect(body).toEqual(documentedExample(spec, id, "200"));
    const validate = compileResponseValidator(spec, path, method, 200);
    expect(validate(body), formatErrors(validate.errors)).toBe(true);
  });

  it("serves every named 200 example on request", async () => {
    const op = (spec.paths[path] as Json)[method];
    const name = op.responses["200"].$ref.split("/").pop();
    const names = Object.keys((spec.components!.responses![name] as Json).content["application/json"].examples);
    expect(names.length).toBeGreaterThan(2);
    for (const example of names) {
      const response = await get({}, { Prefer: `example=${example}` });
      expect([example, response.status]).toEqual([example, 200]);
      expect(await response.json()).toEqual(documentedExample(spec, id, "200", example));
    }
  });

  it.each(BAD_LIST_QUERIES[id].map((bad) => [bad.what, bad] as const))("answers %s with the documented 400", async (_what, bad) => {
    const response = await get(bad.query);
    expect(response.status).toBe(400);
    const violations = violationsOf(response.headers);
    expect(violations.map((v) => v.location.join("."))).toContainEqual(expect.stringMatching(new RegExp(`^request\\.query(\\.${bad.parameter})?$`)));
    expect(violations.map((v) => v.message.toLowerCase()).join("\n")).toContain(bad.parameter);
    const body = (await response.json()) as Json;
    expect(body).toEqual(documentedExample(spec, id, "400"));
    const validate = compileResponseValidator(spec, path, method, 400);
    expect(validate(body), formatErrors(validate.errors)).toBe(true);
  });

  if (id.endsWith("-dcs")) {
    it("answers Prefer: code=204 with 204 and no body (an instance without backups)", async () => {
      const response = await get({}, { Prefer: "code=204" });
      expect([response.status, await response.text(), violationsOf(response.headers)]).toEqual([204, "", []]);
    });
    it("accepts begin_time/end_time as yyyyMMddHHmmss", async () => {
      const response = await get({ begin_time: "20190510000000", end_time: "20190511000000", offset: "0", limit: "10" });
      expect([response.status, violationsOf(response.headers)]).toEqual([200, []]);
    });
  }

  if (id.endsWith("-rds") && id !== "jdcloud-rds") {
    it("accepts the documented time window when `+` is sent as %2B, and rejects the raw `+` of the document's example", async () => {
      const encoded = await get({ begin_time: "2018-08-06T10:41:14+0800", end_time: "2018-08-16T10:41:14+0800" });
      expect([encoded.status, violationsOf(encoded.headers)]).toEqual([200, []]);
      // The document's example request writes the `+` raw; a query decoder reads it as a space.
      const raw = await fetch(`${listRequestUrl(id, prism.url)}&begin_time=2018-08-06T10:41:14+0800&end_time=2018-08-16T10:41:14+0800`, {
        headers: mockAuthHeaders(id),
      });
      expect(raw.status).toBe(400);
    });
  }

  if (id.endsWith("-dds")) {
    it("accepts the documented UTC time window with the space sent as %20", async () => {
      const response = await get({ begin_time: "2018-08-06 10:41:14", end_time: "2018-08-16 10:41:14", backup_type: "Manual" });
      expect([response.status, violationsOf(response.headers)]).toEqual([200, []]);
    });
  }

  if (id === "jdcloud-rds") {
    it("accepts the JD filters wire form (filters.1.name=...) and pageNumber=-1", async () => {
      const response = await get({
        pageNumber: "-1",
        "filters.1.name": "backupId",
        "filters.1.operator": "eq",
        "filters.1.values.1": "0313e588-44d0-4b20-b532-6eebb9d83352",
      });
      expect([response.status, violationsOf(response.headers)]).toEqual([200, []]);
    });
  }
});
