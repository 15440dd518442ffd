import { describe, expect, it } from "vitest";
import {
  assertOpenApiDocument,
  deref,
  listOperations,
  operationParameters,
  requestBodySchema,
  schemaPropertyNames,
  successResponseSchema,
  type OpenApiDocument,
} from "../src/openapi.js";
import { miniSpec } from "./fixtures/mini-spec.js";

describe("openapi helpers", () => {
  it("lists operations in document order with their method, path, id, summary and deprecation", () => {
    const doc = miniSpec();
    doc.paths!["/old"] = { get: { operationId: "old", summary: "Old", deprecated: true, responses: {} } };
    expect(listOperations(doc).map(({ method, path, operationId, summary, deprecated }) => ({ method, path, operationId, summary, deprecated }))).toEqual([
      { method: "get", path: "/v3/{project_id}/backup-files", operationId: "showBackupDownloadLink", summary: "Obtain the links", deprecated: false },
      { method: "get", path: "/old", operationId: "old", summary: "Old", deprecated: true },
    ]);
  });

  it("merges path-level and operation-level parameters, resolving references", () => {
    const doc = miniSpec();
    const [op] = listOperations(doc);
    expect(operationParameters(doc, op!).map((p) => `${p.in}:${p.name}`)).toEqual(["path:project_id", "query:backup_id", "header:X-Language"]);
  });

  it("collects nested property names through items, allOf and the first oneOf choice", () => {
    const doc = miniSpec();
    const [op] = listOperations(doc);
    expect(schemaPropertyNames(doc, successResponseSchema(doc, op!))).toEqual(["files", "name", "download_link", "size", "bucket"]);
    expect(requestBodySchema(doc, op!)).toBeUndefined();
  });

  it("reports unresolved, remote and circular references by name", () => {
    const doc = miniSpec();
    expect(() => deref(doc, { $ref: "#/components/schemas/Nope" })).toThrow("unresolved reference #/components/schemas/Nope");
    expect(() => deref(doc, { $ref: "other.yaml#/x" })).toThrow("only local references are supported in a bundled document, got other.yaml#/x");
    doc.components!.schemas!.A = { $ref: "#/components/schemas/B" };
    doc.components!.schemas!.B = { $ref: "#/components/schemas/A" };
    expect(() => deref(doc, { $ref: "#/components/schemas/A" })).toThrow("circular reference #/components/schemas/A");
  });

  it("rejects a document without the fields the site needs, naming the file and field", () => {
    expect(() => assertOpenApiDocument({ openapi: "2.0" }, "x.json")).toThrow("x.json: openapi must be a 3.x version string");
    expect(() => assertOpenApiDocument({ openapi: "3.1.0", info: { version: "1" } }, "x.json")).toThrow("x.json: info.title must be a non-empty string");
    const noPaths = { ...miniSpec(), paths: {} } as OpenApiDocument;
    expect(() => assertOpenApiDocument(noPaths, "x.json")).toThrow("x.json: paths must hold at least one operation");
    expect(() => assertOpenApiDocument(miniSpec(), "x.json")).not.toThrow();
  });
});
