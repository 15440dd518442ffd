/** Paths and loaders shared by the spec tests. The tests read the bundled specs that turbo builds first. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec, type OpenApiDocument } from "@backup-links/testkit/schema.ts";

import { API_IDS, type ApiId } from "@backup-links/core";

export { API_IDS, type ApiId };

export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = join(PACKAGE_ROOT, "..", "..");
export const REDOCLY_BIN = join(PACKAGE_ROOT, "node_modules", ".bin", "redocly");

export function specSourceDir(id: ApiId): string {
  return join(REPO_ROOT, "specs", id);
}

const cache = new Map<ApiId, OpenApiDocument>();
/** The bundled JSON spec (`specs/<id>/dist/openapi.json`), loaded once per test file. */
export function bundledSpec(id: ApiId): OpenApiDocument {
  let spec = cache.get(id);
  if (!spec) {
    spec = loadSpec(join(specSourceDir(id), "dist", "openapi.json"));
    cache.set(id, spec);
  }
  return spec;
}

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(join(PACKAGE_ROOT, "fixtures", name), "utf8"));
}

/** The path and method of each API's download-link operation (JD Cloud's current path; the legacy one is tested apart). The list operations are in `@backup-links/testkit/list-operations.ts`. */
export const OPERATIONS = {
  "otc-rds": { path: "/v3/{project_id}/backup-files", method: "get", operationId: "showBackupDownloadLink" },
  "huaweicloud-rds": { path: "/v3/{project_id}/backup-files", method: "get", operationId: "showBackupDownloadLink" },
  "otc-dds": { path: "/v3/{project_id}/backups/download-file", method: "get", operationId: "showBackupDownloadLink" },
  "huaweicloud-dds": { path: "/v3/{project_id}/backups/download-file", method: "get", operationId: "showBackupDownloadLink" },
  "huaweicloud-dcs": { path: "/v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links", method: "post", operationId: "listBackupFileLinks" },
  "otc-dcs": { path: "/v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links", method: "post", operationId: "listBackupFileLinks" },
  "jdcloud-rds": { path: "/v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL", method: "get", operationId: "describeBackupDownloadURL" },
} as const satisfies Record<ApiId, { path: string; method: "get" | "post"; operationId: string }>;

export const JD_LEGACY_PATH = "/v1/regions/{regionId}/backups/{backupId}/downloadURLs";
export const DCS_MEDIA_TYPE = "application/json;charset=UTF-8";
