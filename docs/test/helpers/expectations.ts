import {
  deref,
  listOperations,
  operationParameters,
  requestBodySchema,
  schemaPropertyNames,
  successResponseSchema,
  type OpenApiDocument,
} from "../../src/openapi.js";

/** What an API page must show for one operation, read from the bundled spec. */
export interface OperationExpectation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  deprecated: boolean;
  /** "<in>:<name>" of every parameter. */
  parameters: string[];
  requestBodyFields: string[];
  /** The first 2xx status, whose body Redoc shows first. */
  successStatus: string;
  /** Body property names (nested ones too) and header names of that response. */
  responseFields: string[];
}

export function expectedOperations(doc: OpenApiDocument): OperationExpectation[] {
  return listOperations(doc).map((operation) => {
    const successStatus = Object.keys(operation.object.responses ?? {}).find((code) => /^2\d\d$/.test(code));
    if (!successStatus) throw new Error(`${operation.operationId}: no 2xx response in the spec`);
    const response = deref<{ headers?: Record<string, unknown> }>(doc, operation.object.responses?.[successStatus]);
    const body = requestBodySchema(doc, operation);
    return {
      operationId: operation.operationId,
      method: operation.method.toUpperCase(),
      path: operation.path,
      summary: operation.summary,
      deprecated: operation.deprecated,
      parameters: operationParameters(doc, operation)
        .flatMap((p) => [`${p.in}:${p.name}`, ...schemaPropertyNames(doc, (p as { schema?: unknown }).schema).map((name) => `${p.in}:${name}`)])
        .sort(),
      requestBodyFields: body ? schemaPropertyNames(doc, body).sort() : [],
      successStatus,
      responseFields: [...Object.keys(response.headers ?? {}), ...schemaPropertyNames(doc, successResponseSchema(doc, operation))].sort(),
    };
  });
}
