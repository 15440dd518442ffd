/**
 * Keeps the success schemas of the download-link operations honest about what is required. A response field is
 * required only where a vendor source guarantees it, so every object schema in a 2xx body carries
 * `x-required-sources`: one entry per required field, naming the document or SDK model that guarantees it (`{}`
 * when nothing is guaranteed), and its `required` list must be exactly those fields. Optional fields still appear in
 * the examples: some example of each success response shows every field its schema declares, so the mock (which
 * answers with the examples) shows them all.
 */
import { describe, expect, it } from "vitest";
import { deref, HTTP_METHODS, pointer, type OpenApiDocument } from "@backup-links/testkit/schema.ts";
import { API_IDS, bundledSpec, JD_LEGACY_PATH, OPERATIONS } from "./support.ts";

type Schema = Record<string, unknown>;
const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

interface ObjectSchema {
  at: string;
  schema: Schema;
}

interface SuccessBody {
  at: string;
  schema: unknown;
  examples: Array<{ name: string; value: unknown }>;
}

/** The 2xx JSON bodies of the operations at `paths` (each `[path, method]`), with their schemas and examples. */
function successBodies(spec: OpenApiDocument, operations: Array<[path: string, method: string]>): SuccessBody[] {
  const bodies: SuccessBody[] = [];
  for (const [path, method] of operations) {
    const operation = spec.paths[path]?.[method];
    if (!isObject(operation) || !isObject(operation.responses)) throw new Error(`no operation ${method} ${path}`);
    for (const [status, raw] of Object.entries(operation.responses)) {
      if (!/^2/.test(status)) continue;
      const response = deref<Schema>(spec, raw, pointer("paths", path, method, "responses", status));
      for (const [mediaType, media] of Object.entries((response.value.content ?? {}) as Record<string, Schema>)) {
        const examples = Object.entries((media.examples ?? {}) as Record<string, unknown>).map(([name, example]) => ({
          name,
          value: deref<Schema>(spec, example, `${response.at}/examples/${name}`).value.value,
        }));
        bodies.push({ at: `${response.at}/content/${mediaType}`, schema: media.schema, examples });
      }
    }
  }
  return bodies;
}

/** Every object schema with `properties` reachable from `node` (through $ref, allOf/anyOf/oneOf, properties, items). */
function objectSchemas(spec: OpenApiDocument, node: unknown, at: string, seen = new Set<string>()): ObjectSchema[] {
  const { value, at: where } = deref<unknown>(spec, node, at);
  if (!isObject(value) || seen.has(where)) return [];
  seen.add(where);
  const found: ObjectSchema[] = isObject(value.properties) ? [{ at: where, schema: value }] : [];
  for (const keyword of ["allOf", "anyOf", "oneOf"] as const) {
    const parts = value[keyword];
    if (Array.isArray(parts)) parts.forEach((part, i) => found.push(...objectSchemas(spec, part, `${where}/${keyword}/${i}`, seen)));
  }
  if (isObject(value.properties)) {
    for (const [name, property] of Object.entries(value.properties)) found.push(...objectSchemas(spec, property, `${where}/properties/${name}`, seen));
  }
  if (value.items !== undefined) found.push(...objectSchemas(spec, value.items, `${where}/items`, seen));
  return found;
}

/** What is wrong with one object schema's `required` / `x-required-sources` pair; empty when nothing is. */
function requiredProblems({ at, schema }: ObjectSchema): string[] {
  const sources = schema["x-required-sources"];
  if (!isObject(sources)) return [`${at}: no x-required-sources (name the source of each required field, or {} for none)`];
  const problems: string[] = [];
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  if ([...required].sort().join() !== Object.keys(sources).sort().join()) {
    problems.push(`${at}: required [${required.join(", ")}] differs from x-required-sources [${Object.keys(sources).join(", ")}]`);
  }
  for (const [field, source] of Object.entries(sources)) {
    if (typeof source !== "string" || source.trim().length < 10) problems.push(`${at}: x-required-sources.${field} does not name a source`);
    if (!(field in (schema.properties as Schema))) problems.push(`${at}: x-required-sources.${field} is not a property`);
  }
  if (typeof schema.description === "string" && /\bmocks?\b/i.test(schema.description)) {
    problems.push(`${at}: the description ties "required" to the mock (the examples decide what the mock shows)`);
  }
  return problems;
}

/** The field paths a schema declares (`files[].name`), through $ref, allOf/anyOf/oneOf and items. */
function declaredPaths(spec: OpenApiDocument, node: unknown, at: string, prefix = ""): Set<string> {
  const { value, at: where } = deref<unknown>(spec, node, at);
  const paths = new Set<string>();
  if (!isObject(value)) return paths;
  for (const keyword of ["allOf", "anyOf", "oneOf"] as const) {
    const parts = value[keyword];
    if (Array.isArray(parts)) parts.forEach((part, i) => declaredPaths(spec, part, `${where}/${keyword}/${i}`, prefix).forEach((p) => paths.add(p)));
  }
  if (isObject(value.properties)) {
    for (const [name, property] of Object.entries(value.properties)) {
      const path = prefix === "" ? name : `${prefix}.${name}`;
      paths.add(path);
      declaredPaths(spec, property, `${where}/properties/${name}`, path).forEach((p) => paths.add(p));
    }
  }
  if (value.items !== undefined) declaredPaths(spec, value.items, `${where}/items`, `${prefix}[]`).forEach((p) => paths.add(p));
  return paths;
}

/** The field paths a value shows, in the same form. */
function shownPaths(value: unknown, prefix = ""): Set<string> {
  const paths = new Set<string>();
  if (Array.isArray(value)) value.forEach((item) => shownPaths(item, `${prefix}[]`).forEach((p) => paths.add(p)));
  else if (isObject(value)) {
    for (const [name, field] of Object.entries(value)) {
      const path = prefix === "" ? name : `${prefix}.${name}`;
      paths.add(path);
      shownPaths(field, path).forEach((p) => paths.add(p));
    }
  }
  return paths;
}

/** The declared fields that no single example shows all of: the fields missing from the most complete example. */
function fieldsNoExampleShows(spec: OpenApiDocument, body: SuccessBody): string[] {
  const declared = [...declaredPaths(spec, body.schema, `${body.at}/schema`)];
  const missing = body.examples.map((example) => declared.filter((path) => !shownPaths(example.value).has(path)));
  return missing.length === 0 ? declared : missing.reduce((best, next) => (next.length < best.length ? next : best));
}

const downloadLinkOperations = (id: (typeof API_IDS)[number]): Array<[string, string]> => [
  [OPERATIONS[id].path, OPERATIONS[id].method],
  ...(id === "jdcloud-rds" ? ([[JD_LEGACY_PATH, "get"]] as Array<[string, string]>) : []),
];

describe.each(API_IDS)("success schemas of %s", (id) => {
  const spec = bundledSpec(id);
  const bodies = successBodies(spec, downloadLinkOperations(id));
  const schemas = bodies.flatMap((body) => objectSchemas(spec, body.schema, `${body.at}/schema`));

  it("finds the object schemas of every success body", () => {
    expect(bodies.length).toBeGreaterThan(0);
    expect(schemas.length).toBeGreaterThan(0);
  });

  it("requires exactly the fields x-required-sources names a source for", () => {
    expect(schemas.flatMap(requiredProblems)).toEqual([]);
  });

  it("has an example of each success response that shows every field, required or not", () => {
    expect(bodies.map((body) => [body.at, fieldsNoExampleShows(spec, body)])).toEqual(bodies.map((body) => [body.at, []]));
  });
});

describe("the required-sources checks", () => {
  // A tiny document with one mistake of each kind: the checks must be able to fail.
  const broken: OpenApiDocument = {
    openapi: "3.1.0",
    info: { title: "broken", version: "1" },
    paths: {
      "/x": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/Body" },
                  examples: { one: { value: { items: [{ id: "a" }] } }, two: { value: { total: 1 } } },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Body: {
          type: "object",
          description: "Required so that mocks always show it.",
          required: ["items"],
          properties: { items: { type: "array", items: { $ref: "#/components/schemas/Item" } }, total: { type: "integer" } },
        },
        Item: {
          type: "object",
          required: ["id", "size"],
          "x-required-sources": { id: "the vendor's SDK model (plain field)", name: "the vendor's document" },
          properties: { id: { type: "string" }, size: { type: "integer" } },
        },
      },
    },
  };
  const bodies = successBodies(broken, [["/x", "get"]]);

  it("names a schema without x-required-sources, a mismatched list, a field that is not a property and a mock excuse", () => {
    const schemas = bodies.flatMap((body) => objectSchemas(broken, body.schema, `${body.at}/schema`));
    expect(schemas.map((s) => s.at)).toEqual(["#/components/schemas/Body", "#/components/schemas/Item"]);
    expect(schemas.flatMap(requiredProblems)).toEqual([
      "#/components/schemas/Body: no x-required-sources (name the source of each required field, or {} for none)",
      "#/components/schemas/Item: required [id, size] differs from x-required-sources [id, name]",
      "#/components/schemas/Item: x-required-sources.name is not a property",
    ]);
    const withSources = { ...schemas[0]!.schema, "x-required-sources": { items: "the vendor's document, Mandatory Yes" } };
    expect(requiredProblems({ at: "Body", schema: withSources })).toEqual([
      'Body: the description ties "required" to the mock (the examples decide what the mock shows)',
    ]);
  });

  it("names the fields no single example shows (each example shows some, none shows all)", () => {
    expect(fieldsNoExampleShows(broken, bodies[0]!)).toEqual(["items[].size", "total"]);
  });
});
