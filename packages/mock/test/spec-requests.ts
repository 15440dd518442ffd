/**
 * Valid requests built from a bundled spec's own examples, one per operation: the path and query parameters'
 * `example`, the request body's first example, and a placeholder for the first security scheme (Prism checks
 * that credentials are present, not what they are). Used to check a mock answers 200 without hard-coding
 * anything the spec owners may change.
 */
import { readFileSync } from "node:fs";

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  example?: unknown;
  schema?: { example?: unknown };
  $ref?: string;
}

interface Operation {
  operationId: string;
  deprecated?: boolean;
  parameters?: Parameter[];
  security?: Record<string, string[]>[];
  requestBody?: { $ref?: string; content?: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> };
}

interface Document {
  paths: Record<string, Record<string, Operation> & { parameters?: Parameter[] }>;
  security?: Record<string, string[]>[];
  components?: Record<string, Record<string, unknown>>;
}

export interface ExampleRequest {
  operationId: string;
  deprecated: boolean;
  method: string;
  /** Path and query, to append to a mock's base URL. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function deref<T>(doc: Document, value: T & { $ref?: string }): T {
  if (!value.$ref) return value;
  const [, , group, name] = value.$ref.split("/");
  const target = doc.components?.[group as string]?.[name as string];
  if (!target) throw new Error(`unresolved $ref ${value.$ref}`);
  return target as T;
}

function exampleOf(parameter: Parameter): string {
  const value = parameter.example ?? parameter.schema?.example;
  if (value === undefined) throw new Error(`parameter ${parameter.name} has no example`);
  return String(value);
}

export function exampleRequests(specFile: string): ExampleRequest[] {
  const doc = JSON.parse(readFileSync(specFile, "utf8")) as Document;
  const requests: ExampleRequest[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
      let path = template;
      const query = new URLSearchParams();
      const headers: Record<string, string> = {};
      for (const parameter of parameters) {
        if (parameter.in === "path") path = path.replace(`{${parameter.name}}`, encodeURIComponent(exampleOf(parameter)));
        else if (parameter.required && parameter.in === "query") query.set(parameter.name, exampleOf(parameter));
        else if (parameter.required && parameter.in === "header") headers[parameter.name] = exampleOf(parameter);
      }
      const scheme = Object.keys((operation.security ?? doc.security ?? [{}])[0] ?? {})[0];
      if (scheme) {
        const definition = doc.components?.["securitySchemes"]?.[scheme] as { in?: string; name?: string } | undefined;
        if (definition?.in !== "header" || !definition.name) throw new Error(`security scheme ${scheme} is not an apiKey header`);
        headers[definition.name] = "placeholder-credentials";
      }
      let body: string | undefined;
      if (operation.requestBody) {
        const content = deref(doc, operation.requestBody).content ?? {};
        const [mediaType, media] = Object.entries(content)[0] ?? [];
        const example = media?.example ?? Object.values(media?.examples ?? {})[0]?.value;
        if (!mediaType || example === undefined) throw new Error(`${operation.operationId}: request body without an example`);
        headers["Content-Type"] = mediaType;
        body = JSON.stringify(example);
      }
      const search = query.toString();
      requests.push({
        operationId: operation.operationId,
        deprecated: operation.deprecated === true,
        method: method.toUpperCase(),
        path: search ? `${path}?${search}` : path,
        headers,
        ...(body === undefined ? {} : { body }),
      });
    }
  }
  return requests;
}

/** Sends an example request to a mock. */
export function send(baseUrl: string, request: ExampleRequest, extraHeaders: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: { ...request.headers, ...extraHeaders },
    ...(request.body === undefined ? {} : { body: request.body }),
  });
}
