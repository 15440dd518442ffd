/**
 * What the contract suites read from a bundled spec: the documented responses of an operation, each with its named
 * examples and the example values of its response headers. Everything the suites expect comes from here, so an
 * example edited in the spec is checked as edited, and a new error status gets its own test without editing a suite.
 */
import { deref, type HttpMethod, type OpenApiDocument } from "@backup-links/testkit/schema";

export interface DocumentedExample {
  status: number;
  /** The example's name, for `Prefer: example=<name>`. */
  name: string;
  value: unknown;
  /** Example value of each response header the response declares (lower-case names). */
  headers: Record<string, string>;
}

interface MediaType {
  example?: unknown;
  examples?: Record<string, unknown>;
}

interface ResponseObject {
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}

interface HeaderObject {
  example?: unknown;
  schema?: { example?: unknown };
}

/** The operation object at `paths[path][method]`, or an error naming what is missing. */
export function operationAt(spec: OpenApiDocument, path: string, method: HttpMethod): Record<string, unknown> {
  const operation = spec.paths[path]?.[method];
  if (!operation || typeof operation !== "object") throw new Error(`the spec has no ${method.toUpperCase()} ${path}`);
  return operation as Record<string, unknown>;
}

/** Every named example of every documented response of one operation, in the spec's order. */
export function documentedExamples(spec: OpenApiDocument, path: string, method: HttpMethod): DocumentedExample[] {
  const operation = operationAt(spec, path, method);
  const responses = (operation["responses"] ?? {}) as Record<string, unknown>;
  const examples: DocumentedExample[] = [];
  for (const [status, raw] of Object.entries(responses)) {
    if (!/^\d{3}$/.test(status)) throw new Error(`${method.toUpperCase()} ${path}: response "${status}" is not a status code`);
    const response = deref<ResponseObject>(spec, raw, `#/paths/${path}/${method}/responses/${status}`).value;
    const headers: Record<string, string> = {};
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const value = deref<HeaderObject>(spec, header, name).value;
      const example = value.example ?? value.schema?.example;
      if (example !== undefined) headers[name.toLowerCase()] = String(example);
    }
    const media = response.content?.["application/json"];
    // A 204 (DCS: no backups) has no body, so no examples.
    if (!media && status === "204" && response.content === undefined) continue;
    if (!media) throw new Error(`${method.toUpperCase()} ${path}: response ${status} has no application/json content`);
    const named = Object.entries(media.examples ?? {});
    if (named.length === 0) throw new Error(`${method.toUpperCase()} ${path}: response ${status} has no named examples`);
    for (const [name, example] of named) {
      const value = deref<{ value?: unknown }>(spec, example, name).value.value;
      examples.push({ status: Number(status), name, value, headers });
    }
  }
  return examples;
}
