import { readFileSync } from "node:fs";
import { specPath, type ApiId } from "@backup-links/mock";

type Json = Record<string, unknown>;

function follow(spec: Json, node: unknown): Json {
  let current = node as Json;
  while (typeof current.$ref === "string") {
    current = (current.$ref as string)
      .slice(2)
      .split("/")
      .reduce<Json>((at, key) => at[key.replace(/~1/g, "/").replace(/~0/g, "~")] as Json, spec);
  }
  return current;
}

/**
 * The 200 body Prism answers by default for the API's (first) operation: the first named example of the
 * response's JSON media type, else its `example`. Read from the spec the mock serves, so tests follow the spec.
 */
export function defaultSuccessExample(api: ApiId): Json {
  const spec = JSON.parse(readFileSync(specPath(api), "utf8")) as Json;
  const [, pathItem] = Object.entries(spec.paths as Json).find(([, item]) => {
    const operations = Object.values(item as Json) as Json[];
    return operations.some((operation) => operation.deprecated !== true);
  })!;
  const operation = Object.values(pathItem as Json).find((op) => (op as Json).responses !== undefined) as Json;
  const response = follow(spec, (operation.responses as Json)["200"]);
  const media = Object.entries(response.content as Json).find(([type]) => type.startsWith("application/json"))![1] as Json;
  if (media.examples !== undefined) {
    const first = Object.values(media.examples as Json)[0];
    return follow(spec, first).value as Json;
  }
  return media.example as Json;
}
