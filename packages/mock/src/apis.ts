import { fileURLToPath } from "node:url";
import type { ApiId } from "@backup-links/core";

/**
 * Absolute path of the bundled OpenAPI document of one API, as shipped in this package
 * (`specs/<id>.json`, copied from `specs/<id>/dist/openapi.json` at build time).
 */
export function specPath(id: ApiId): string {
  return fileURLToPath(new URL(`../specs/${id}.json`, import.meta.url));
}
