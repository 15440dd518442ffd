import { deref, operationParameters, requestBodySchema, type OpenApiDocument, type Operation } from "./openapi.js";
import type { PackageFacts } from "./package-info.js";

export interface Example {
  code: string;
  /**
   * "readme": the package README's own example; "doc-comment": the `@example` on the client factory;
   * "generated": built here from the spec and the factory name.
   */
  origin: "readme" | "doc-comment" | "generated";
}

/**
 * The getting-started example of one package, from the best source it has: the README's first TypeScript
 * example (the package owner keeps that one runnable), else the `@example` on the client factory, else one
 * generated from the spec: the factory against the mock, and the documented operation through `.raw` (the typed
 * openapi-fetch client) with the spec's example values.
 */
export function gettingStartedExample(doc: OpenApiDocument, operation: Operation, pkg: PackageFacts): Example | undefined {
  if (pkg.readmeExample) return { code: pkg.readmeExample, origin: "readme" };
  if (pkg.factoryExample) return { code: pkg.factoryExample, origin: "doc-comment" };
  if (!pkg.factory) return undefined;
  const groups: Record<string, string[]> = {};
  for (const parameter of operationParameters(doc, operation)) {
    if (parameter.in !== "path" && parameter.in !== "query") continue;
    (groups[parameter.in] ??= []).push(`${JSON.stringify(parameter.name)}: ${JSON.stringify(exampleValue(doc, parameter))}`);
  }
  const params = Object.entries(groups).map(([where, fields]) => `${where}: { ${fields.join(", ")} }`);
  const body = requestBodySchema(doc, operation);
  const bodyExample = body ? exampleOf(doc, body) : undefined;
  const init = [`params: { ${params.join(", ")} }`, ...(bodyExample !== undefined ? [`body: ${JSON.stringify(bodyExample)}`] : [])];
  return {
    origin: "generated",
    code: [
      `import { ${pkg.factory} } from "${pkg.name}";`,
      ``,
      `// Against the mock (npx @backup-links/mock); for the cloud itself, pass region and your credentials.`,
      `const client = ${pkg.factory}({ baseUrl: "http://127.0.0.1:4010", credentials: { accessKey: "AK", secretKey: "SK" } });`,
      `const { data, error } = await client.raw.${operation.method.toUpperCase()}("${operation.path}", {`,
      ...init.map((line) => `  ${line},`),
      `});`,
      `console.log(error ?? data);`,
    ].join("\n"),
  };
}

function exampleValue(doc: OpenApiDocument, parameter: { name: string }): unknown {
  const p = parameter as { example?: unknown; schema?: unknown };
  return p.example ?? exampleOf(doc, p.schema) ?? `<${parameter.name}>`;
}

function exampleOf(doc: OpenApiDocument, schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null) return undefined;
  const s = deref<{ example?: unknown; examples?: unknown[]; default?: unknown; properties?: Record<string, unknown> }>(doc, schema);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.properties) {
    return Object.fromEntries(Object.entries(s.properties).map(([name, child]) => [name, exampleOf(doc, child) ?? `<${name}>`]));
  }
  return undefined;
}
