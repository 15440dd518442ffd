/**
 * The small part of an OpenAPI 3.1 document the site reads, and helpers to walk a bundled document
 * (bundled documents only hold local `#/...` references).
 */

export interface OpenApiDocument {
  openapi: string;
  info: {
    title: string;
    version: string;
    summary?: string;
    description?: string;
    [extension: `x-${string}`]: unknown;
  };
  externalDocs?: ExternalDocs;
  tags?: { name: string; description?: string }[];
  servers?: { url: string; description?: string }[];
  paths?: Record<string, PathItem>;
  components?: Record<string, Record<string, unknown>>;
  [extension: `x-${string}`]: unknown;
}

export interface ExternalDocs {
  url: string;
  description?: string;
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export const HTTP_METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export type PathItem = Partial<Record<HttpMethod, OperationObject>> & { parameters?: unknown[] };

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags?: string[];
  externalDocs?: ExternalDocs;
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  [extension: `x-${string}`]: unknown;
}

export interface Operation {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  deprecated: boolean;
  externalDocs?: ExternalDocs;
  object: OperationObject;
  pathItem: PathItem;
}

/** Checks the fields the site cannot do without, naming the file and the field when one is missing. */
export function assertOpenApiDocument(value: unknown, file: string): asserts value is OpenApiDocument {
  const doc = value as Partial<OpenApiDocument> | null;
  if (typeof doc !== "object" || doc === null) throw new Error(`${file}: must be a JSON object`);
  if (typeof doc.openapi !== "string" || !doc.openapi.startsWith("3.")) {
    throw new Error(`${file}: openapi must be a 3.x version string`);
  }
  if (typeof doc.info?.title !== "string" || doc.info.title === "") throw new Error(`${file}: info.title must be a non-empty string`);
  if (typeof doc.info.version !== "string") throw new Error(`${file}: info.version must be a string`);
  if (typeof doc.paths !== "object" || doc.paths === null || Object.keys(doc.paths).length === 0) {
    throw new Error(`${file}: paths must hold at least one operation`);
  }
}

/** Follows local `$ref`s (`#/components/...`) until it reaches a non-reference value. */
export function deref<T = unknown>(doc: OpenApiDocument, value: unknown): T {
  let current = value;
  const seen = new Set<string>();
  while (typeof current === "object" && current !== null && typeof (current as { $ref?: unknown }).$ref === "string") {
    const ref = (current as { $ref: string }).$ref;
    if (!ref.startsWith("#/")) throw new Error(`only local references are supported in a bundled document, got ${ref}`);
    if (seen.has(ref)) throw new Error(`circular reference ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    if (current === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  return current as T;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, pathItem]) =>
    HTTP_METHODS.flatMap((method) => {
      const object = pathItem[method];
      if (!object) return [];
      return [
        {
          method,
          path,
          operationId: object.operationId ?? `${method} ${path}`,
          summary: object.summary ?? "",
          deprecated: object.deprecated === true,
          ...(object.externalDocs ? { externalDocs: object.externalDocs } : {}),
          object,
          pathItem,
        },
      ];
    }),
  );
}

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  deprecated?: boolean;
}

/** The parameters of an operation, path-level ones included (an operation-level one with the same name wins). */
export function operationParameters(doc: OpenApiDocument, operation: Operation): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  for (const raw of [...(operation.pathItem.parameters ?? []), ...(operation.object.parameters ?? [])]) {
    const parameter = deref<ParameterObject>(doc, raw);
    byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

interface SchemaLike {
  properties?: Record<string, unknown>;
  items?: unknown;
  allOf?: unknown[];
  oneOf?: unknown[];
  anyOf?: unknown[];
}

/**
 * Every property name of a schema, nested ones included (through `items` and `allOf`; for `oneOf`/`anyOf`
 * only the first choice, which is the one Redoc shows until the reader picks another).
 */
export function schemaPropertyNames(doc: OpenApiDocument, schema: unknown, depthLimit = 12): string[] {
  const names = new Set<string>();
  const visit = (node: unknown, depth: number): void => {
    if (depth > depthLimit || typeof node !== "object" || node === null) return;
    const resolved = deref<SchemaLike>(doc, node);
    for (const [name, child] of Object.entries(resolved.properties ?? {})) {
      names.add(name);
      visit(child, depth + 1);
    }
    if (resolved.items) visit(resolved.items, depth + 1);
    for (const part of resolved.allOf ?? []) visit(part, depth + 1);
    const firstChoice = resolved.oneOf?.[0] ?? resolved.anyOf?.[0];
    if (firstChoice) visit(firstChoice, depth + 1);
  };
  visit(schema, 0);
  return [...names];
}

/** The JSON body schema of an operation's first 2xx response, if it has one. */
export function successResponseSchema(doc: OpenApiDocument, operation: Operation): unknown {
  const status = Object.keys(operation.object.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  if (!status) return undefined;
  const response = deref<{ content?: Record<string, { schema?: unknown }> }>(doc, operation.object.responses?.[status]);
  const jsonType = Object.keys(response.content ?? {}).find((type) => type.includes("json"));
  return jsonType ? response.content?.[jsonType]?.schema : undefined;
}

/** The JSON request body schema of an operation, if it has one. */
export function requestBodySchema(doc: OpenApiDocument, operation: Operation): unknown {
  if (!operation.object.requestBody) return undefined;
  const body = deref<{ content?: Record<string, { schema?: unknown }> }>(doc, operation.object.requestBody);
  const jsonType = Object.keys(body.content ?? {}).find((type) => type.includes("json"));
  return jsonType ? body.content?.[jsonType]?.schema : undefined;
}
