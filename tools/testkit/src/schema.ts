/**
 * Validate values against the schemas of a bundled OpenAPI 3.1 document with Ajv (JSON Schema 2020-12).
 *
 * The whole document is registered once per Ajv instance under a private `$id`, and every validator is compiled
 * from a JSON pointer into it, so `$ref`s such as `#/components/schemas/BackupFile` resolve exactly as they do
 * for Redocly, openapi-typescript and Prism. Contract tests use `compileResponseValidator` on the responses they
 * receive; the spec tests use the same functions on every example in every spec.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/** The parts of an OpenAPI document these helpers read. Everything else passes through untouched. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export const HTTP_METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Read a bundled spec (`specs/<id>/dist/openapi.json`). */
export function loadSpec(file: string): OpenApiDocument {
  const spec = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
  if (typeof spec.openapi !== "string" || !spec.openapi.startsWith("3.1")) {
    throw new Error(`${file}: not an OpenAPI 3.1 document (openapi: ${String(spec.openapi)})`);
  }
  return spec;
}

/** Escape one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Build a JSON pointer (`#/a/b~1c`) from raw segments. */
export function pointer(...segments: string[]): string {
  return `#/${segments.map(pointerSegment).join("/")}`;
}

/** Read the value a local JSON pointer (`#/...`) designates, or undefined. */
export function resolvePointer(spec: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) throw new Error(`only local references are supported: ${ref}`);
  const parts = ref === "#" || ref === "#/" ? [] : ref.slice(2).split("/");
  let node: unknown = spec;
  for (const raw of parts) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Follow `$ref` objects (responses, parameters, request bodies, headers, examples) to the object they name,
 * and return it with the pointer where it really lives.
 */
export function deref<T = Record<string, unknown>>(spec: OpenApiDocument, node: unknown, at: string): { value: T; at: string } {
  let current = node;
  let where = at;
  for (let hops = 0; hops < 16; hops++) {
    if (current === null || typeof current !== "object" || !("$ref" in current)) return { value: current as T, at: where };
    const ref = (current as { $ref: unknown }).$ref;
    if (typeof ref !== "string") throw new Error(`${where}: $ref is not a string`);
    where = ref;
    current = resolvePointer(spec, ref);
    if (current === undefined) throw new Error(`${at}: unresolved $ref ${ref}`);
  }
  throw new Error(`${at}: $ref chain too long`);
}

/** OpenAPI's integer formats, which ajv-formats does not know. */
function addOpenApiFormats(ajv: Ajv2020): void {
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
}

/**
 * A strict Ajv 2020-12 instance that knows the OpenAPI schema keywords (`example`, `discriminator`, `xml`,
 * `externalDocs`), the house extension `x-required-sources` and the formats. Strict mode stays on for everything else so a misspelt keyword in a spec
 * (`maxItem`) fails loudly instead of silently validating nothing.
 */
export function createOpenApiAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, allowUnionTypes: true, allErrors: true, validateSchema: false });
  addFormats(ajv);
  addOpenApiFormats(ajv);
  // `x-required-sources`: the house annotation naming the source of each required response field (checked by
  // tools/spec-tests test/required-sources.test.ts); it constrains nothing.
  ajv.addVocabulary(["example", "discriminator", "xml", "externalDocs", "x-required-sources"]);
  return ajv;
}

interface SpecContext {
  ajv: Ajv2020;
  id: string;
}
const contexts = new WeakMap<OpenApiDocument, SpecContext>();
let specCounter = 0;

/** The top-level fields of an OpenAPI document: inert keywords for the document registered as Ajv's root schema. */
const OPENAPI_ROOT_FIELDS = ["openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags"];

function contextFor(spec: OpenApiDocument): SpecContext {
  let context = contexts.get(spec);
  if (!context) {
    const ajv = createOpenApiAjv();
    // Validators are compiled from pointers into the document, so Ajv compiles the document root as a schema
    // too; its OpenAPI fields are declared inert there (only on this instance) instead of turning strict mode off.
    ajv.addVocabulary(OPENAPI_ROOT_FIELDS);
    const id = `https://backup-links.invalid/spec-${++specCounter}.json`;
    ajv.addSchema(spec as object, id);
    context = { ajv, id };
    contexts.set(spec, context);
  }
  return context;
}

/** Compile a validator for the schema at `schemaPointer` (`#/components/schemas/X`, or any pointer to a schema). */
export function compileSchemaAt(spec: OpenApiDocument, schemaPointer: string): ValidateFunction {
  const target = resolvePointer(spec, schemaPointer);
  if (target === undefined || target === null || (typeof target !== "object" && typeof target !== "boolean")) {
    throw new Error(`no schema at ${schemaPointer}`);
  }
  const { ajv, id } = contextFor(spec);
  const key = `${id}${schemaPointer}`;
  return ajv.getSchema(key) ?? ajv.compile({ $ref: key });
}

function operationAt(spec: OpenApiDocument, path: string, method: HttpMethod): { operation: Record<string, unknown>; at: string } {
  const item = spec.paths[path];
  if (!item) throw new Error(`no path ${path}`);
  const operation = item[method];
  if (!operation || typeof operation !== "object") throw new Error(`no operation ${method.toUpperCase()} ${path}`);
  return { operation: operation as Record<string, unknown>, at: pointer("paths", path, method) };
}

function mediaSchemaPointer(container: Record<string, unknown>, at: string, mediaType: string, what: string): string {
  const content = container.content as Record<string, { schema?: unknown }> | undefined;
  if (!content || !content[mediaType]) {
    throw new Error(`${what} has no ${mediaType} content (has: ${Object.keys(content ?? {}).join(", ") || "none"})`);
  }
  if (content[mediaType].schema === undefined) throw new Error(`${what} ${mediaType} has no schema`);
  return `${at}/content/${pointerSegment(mediaType)}/schema`;
}

/** The pointer to the body schema of a documented response. */
export function responseSchemaPointer(spec: OpenApiDocument, path: string, method: HttpMethod, status: string | number, mediaType = "application/json"): string {
  const { operation, at } = operationAt(spec, path, method);
  const responses = (operation.responses ?? {}) as Record<string, unknown>;
  const code = String(status);
  if (!(code in responses)) throw new Error(`${method.toUpperCase()} ${path} documents no ${code} response`);
  const { value, at: where } = deref(spec, responses[code], `${at}/responses/${pointerSegment(code)}`);
  return mediaSchemaPointer(value, where, mediaType, `${method.toUpperCase()} ${path} ${code}`);
}

/** A validator for the body of a documented response: what contract tests run on Prism's (or a vendor's) answer. */
export function compileResponseValidator(spec: OpenApiDocument, path: string, method: HttpMethod, status: string | number, mediaType = "application/json"): ValidateFunction {
  return compileSchemaAt(spec, responseSchemaPointer(spec, path, method, status, mediaType));
}

/** A validator for an operation's request body. */
export function compileRequestBodyValidator(spec: OpenApiDocument, path: string, method: HttpMethod, mediaType = "application/json"): ValidateFunction {
  const { operation, at } = operationAt(spec, path, method);
  if (!operation.requestBody) throw new Error(`${method.toUpperCase()} ${path} has no request body`);
  const { value, at: where } = deref(spec, operation.requestBody, `${at}/requestBody`);
  return compileSchemaAt(spec, mediaSchemaPointer(value, where, mediaType, `${method.toUpperCase()} ${path} request body`));
}

export interface ResolvedParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  deprecated?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
  example?: unknown;
  examples?: Record<string, unknown>;
  /** Where the parameter object really lives (after `$ref`). */
  at: string;
}

/** All parameters of an operation (path-level ones included, operation-level ones winning), `$ref`s resolved. */
export function operationParameters(spec: OpenApiDocument, path: string, method: HttpMethod): ResolvedParameter[] {
  const { operation, at } = operationAt(spec, path, method);
  const item = spec.paths[path] as Record<string, unknown>;
  const byKey = new Map<string, ResolvedParameter>();
  const add = (list: unknown, base: string) => {
    (Array.isArray(list) ? list : []).forEach((raw, index) => {
      const { value, at: where } = deref<Omit<ResolvedParameter, "at">>(spec, raw, `${base}/parameters/${index}`);
      byKey.set(`${value.in}:${value.name}`, { ...value, at: where });
    });
  };
  add(item.parameters, pointer("paths", path));
  add(operation.parameters, at);
  return [...byKey.values()];
}

/** A validator for one parameter's value (as the client passes it, before serialisation). */
export function compileParameterValidator(spec: OpenApiDocument, path: string, method: HttpMethod, name: string, location: ResolvedParameter["in"]): ValidateFunction {
  const parameter = operationParameters(spec, path, method).find((p) => p.name === name && p.in === location);
  if (!parameter) throw new Error(`${method.toUpperCase()} ${path} has no ${location} parameter ${name}`);
  if (!parameter.schema) throw new Error(`${location} parameter ${name} has no schema`);
  return compileSchemaAt(spec, `${parameter.at}/schema`);
}

/** Ajv errors as one readable line each: `/links maxItems: must NOT have more than 64 items`. */
export function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.keyword}: ${e.message ?? "invalid"}`).join("\n");
}
