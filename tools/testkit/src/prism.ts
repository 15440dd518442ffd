/**
 * The Prism harness for this workspace's test suites.
 *
 * Process management (spawn, readiness, clean stop, no orphans) lives once, in the published
 * `@backup-links/mock`; this module adds what only the workspace has: the bundled specs under
 * `specs/<id>/dist/`, so a suite tests the spec as just bundled rather than the copy inside the mock package.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { API_IDS, isApiId, startPrism, type ApiId, type PrismServer, type StartPrismOptions } from "@backup-links/mock";

export {
  API_IDS,
  isApiId,
  startPrism,
  startMocks,
  PrismStartError,
  type ApiId,
  type PrismServer,
  type PrismExit,
  type StartPrismOptions,
} from "@backup-links/mock";

/** The workspace's bundled document of one API: `specs/<id>/dist/openapi.json`. Throws if it was not bundled. */
export function bundledSpecPath(id: ApiId): string {
  if (!isApiId(id)) throw new Error(`unknown API id "${String(id)}"; known ids: ${API_IDS.join(", ")}`);
  const path = fileURLToPath(new URL(`../../../specs/${id}/dist/openapi.json`, import.meta.url));
  if (!existsSync(path)) {
    throw new Error(`${path} does not exist: bundle it first (pnpm turbo run bundle --filter=@backup-links/spec-${id})`);
  }
  return path;
}

/** Starts `prism mock --errors` on the workspace's bundled spec of one API, on a free port. */
export function startSpecPrism(id: ApiId, options: Omit<StartPrismOptions, "spec"> = {}): Promise<PrismServer> {
  return startPrism({ name: id, ...options, spec: bundledSpecPath(id) });
}
