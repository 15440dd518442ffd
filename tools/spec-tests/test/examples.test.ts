/**
 * Every example in every bundled spec validates against its schema (Ajv, JSON Schema 2020-12, ajv-formats):
 * media-type examples of request bodies and responses, parameter and header examples, and schema examples.
 */
import { describe, expect, it } from "vitest";
import { collectExamples } from "@backup-links/testkit/schema-examples.ts";
import { compileSchemaAt, formatErrors, type OpenApiDocument } from "@backup-links/testkit/schema.ts";
import { API_IDS, bundledSpec } from "./support.ts";

describe.each(API_IDS)("examples of %s", (id) => {
  const spec = bundledSpec(id);
  const cases = collectExamples(spec);

  it("finds response, parameter and schema examples", () => {
    const kinds = new Set(cases.map((c) => (c.where.includes("/responses/") ? "response" : c.where.includes("/parameters/") ? "parameter" : "schema")));
    expect([...kinds].sort()).toEqual(["parameter", "response", "schema"]);
  });

  it.each(cases.map((c) => [c.where, c] as const))("%s", (_where, example) => {
    const validate = compileSchemaAt(spec, example.schemaPointer);
    const ok = validate(example.value);
    expect(ok, formatErrors(validate.errors)).toBe(true);
  });
});

describe("the example collector", () => {
  // A tiny document with one wrong example of each kind: the check must be able to fail.
  const broken: OpenApiDocument = {
    openapi: "3.1.0",
    info: { title: "broken", version: "1" },
    paths: {
      "/x/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", minLength: 1 }, example: "" }],
        get: {
          responses: {
            "200": { $ref: "#/components/responses/Ok" },
          },
        },
      },
    },
    components: {
      responses: {
        Ok: {
          description: "ok",
          headers: { "X-Request-Id": { schema: { type: "string" }, example: 5 } },
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/Thing" },
              examples: { wrong: { value: { count: "three" } } },
            },
          },
        },
      },
      schemas: {
        Thing: { type: "object", required: ["count"], properties: { count: { type: "integer", example: 2.5 } } },
      },
    },
  };

  it("finds each example once, where it is defined", () => {
    expect(collectExamples(broken).map((c) => c.where)).toEqual([
      "#/paths/~1x~1{id}/parameters/0/example",
      "#/components/responses/Ok/content/application~1json/examples/wrong/value",
      "#/components/responses/Ok/headers/X-Request-Id/example",
      "#/components/schemas/Thing/properties/count/example",
    ]);
  });

  it("reports every one of them as invalid", () => {
    const results = collectExamples(broken).map((c) => compileSchemaAt(broken, c.schemaPointer)(c.value));
    expect(results).toEqual([false, false, false, false]);
  });
});
