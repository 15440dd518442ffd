/**
 * Find every example in a bundled OpenAPI document, paired with the schema it must satisfy:
 * media-type `example`/`examples` (request bodies and responses), parameter and header `example`/`examples`,
 * and schema-level `example`/`examples` on every schema node (components and inline, properties, items, ...).
 */
import { HTTP_METHODS, deref, pointer, pointerSegment, type OpenApiDocument } from "./schema.ts";

export interface ExampleCase {
  /** Where the example is, as a JSON pointer into the bundled document (after following `$ref`s). */
  where: string;
  /** The schema it must validate against, as a JSON pointer. */
  schemaPointer: string;
  value: unknown;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** Examples attached to an object that has `example` / `examples` (a media type, a parameter or a header). */
function ownExamples(spec: OpenApiDocument, node: Json, at: string, schemaPointer: string, out: ExampleCase[]): void {
  if ("example" in node) out.push({ where: `${at}/example`, schemaPointer, value: node.example });
  if (isObject(node.examples)) {
    for (const [name, raw] of Object.entries(node.examples)) {
      const { value: example, at: where } = deref<Json>(spec, raw, `${at}/examples/${pointerSegment(name)}`);
      if (isObject(example) && "value" in example) out.push({ where: `${where}/value`, schemaPointer, value: example.value });
    }
  }
}

/** Schema keywords whose values are schemas, maps of schemas, or arrays of schemas. */
const SCHEMA_KEYWORDS = ["items", "not", "additionalProperties", "contains", "if", "then", "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
const SCHEMA_MAP_KEYWORDS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const SCHEMA_LIST_KEYWORDS = ["allOf", "anyOf", "oneOf", "prefixItems"];

/** Walk one schema tree (not following `$ref`: referenced schemas are walked where they are defined). */
function schemaExamples(node: unknown, at: string, out: ExampleCase[], seen: Set<string>): void {
  if (!isObject(node) || seen.has(at)) return;
  seen.add(at);
  if ("example" in node) out.push({ where: `${at}/example`, schemaPointer: at, value: node.example });
  if (Array.isArray(node.examples)) {
    node.examples.forEach((value, index) => out.push({ where: `${at}/examples/${index}`, schemaPointer: at, value }));
  }
  for (const key of SCHEMA_KEYWORDS) if (key in node) schemaExamples(node[key], `${at}/${key}`, out, seen);
  for (const key of SCHEMA_MAP_KEYWORDS) {
    const map = node[key];
    if (isObject(map)) for (const [name, child] of Object.entries(map)) schemaExamples(child, `${at}/${key}/${pointerSegment(name)}`, out, seen);
  }
  for (const key of SCHEMA_LIST_KEYWORDS) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((child, index) => schemaExamples(child, `${at}/${key}/${index}`, out, seen));
  }
}

function contentExamples(spec: OpenApiDocument, container: Json, at: string, out: ExampleCase[], seen: Set<string>): void {
  const content = container.content;
  if (!isObject(content)) return;
  for (const [mediaType, media] of Object.entries(content)) {
    if (!isObject(media)) continue;
    const mediaAt = `${at}/content/${pointerSegment(mediaType)}`;
    ownExamples(spec, media, mediaAt, `${mediaAt}/schema`, out);
    schemaExamples(media.schema, `${mediaAt}/schema`, out, seen);
  }
}

function parameterLikeExamples(spec: OpenApiDocument, raw: unknown, at: string, out: ExampleCase[], seen: Set<string>): void {
  const { value, at: where } = deref<Json>(spec, raw, at);
  if (!isObject(value) || seen.has(`param:${where}`)) return;
  seen.add(`param:${where}`);
  if (isObject(value.schema)) {
    ownExamples(spec, value, where, `${where}/schema`, out);
    schemaExamples(value.schema, `${where}/schema`, out, seen);
  }
  contentExamples(spec, value, where, out, seen);
}

/** Every example of the document, each once (shared components are visited where they are defined). */
export function collectExamples(spec: OpenApiDocument): ExampleCase[] {
  const out: ExampleCase[] = [];
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(spec.paths)) {
    const itemAt = pointer("paths", path);
    (Array.isArray(item.parameters) ? item.parameters : []).forEach((p, i) => parameterLikeExamples(spec, p, `${itemAt}/parameters/${i}`, out, seen));
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const opAt = `${itemAt}/${method}`;
      (Array.isArray(operation.parameters) ? operation.parameters : []).forEach((p, i) => parameterLikeExamples(spec, p, `${opAt}/parameters/${i}`, out, seen));
      if (operation.requestBody) {
        const { value, at } = deref<Json>(spec, operation.requestBody, `${opAt}/requestBody`);
        if (!seen.has(`body:${at}`)) {
          seen.add(`body:${at}`);
          contentExamples(spec, value, at, out, seen);
        }
      }
      for (const [code, raw] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
        const { value, at } = deref<Json>(spec, raw, `${opAt}/responses/${pointerSegment(code)}`);
        if (seen.has(`response:${at}`)) continue;
        seen.add(`response:${at}`);
        contentExamples(spec, value, at, out, seen);
        if (isObject(value.headers)) {
          for (const [name, header] of Object.entries(value.headers)) parameterLikeExamples(spec, header, `${at}/headers/${pointerSegment(name)}`, out, seen);
        }
      }
    }
  }
  const schemas = spec.components?.schemas;
  if (isObject(schemas)) for (const [name, schema] of Object.entries(schemas)) schemaExamples(schema, pointer("components", "schemas", name), out, seen);
  return out;
}
