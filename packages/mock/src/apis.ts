import { fileURLToPath } from "node:url";

/** Every API this package can mock, in the order `backup-links-mock` starts them (and assigns ports). */
export const API_IDS = [
  "otc-rds",
  "huaweicloud-rds",
  "otc-dds",
  "huaweicloud-dds",
  "huaweicloud-dcs",
  "otc-dcs",
  "jdcloud-rds",
] as const;

export type ApiId = (typeof API_IDS)[number];

export function isApiId(value: string): value is ApiId {
  return (API_IDS as readonly string[]).includes(value);
}

/**
 * Absolute path of the bundled OpenAPI document of one API, as shipped in this package
 * (`specs/<id>.json`, copied from `specs/<id>/dist/openapi.json` at build time).
 */
export function specPath(id: ApiId): string {
  return fileURLToPath(new URL(`../specs/${id}.json`, import.meta.url));
}
