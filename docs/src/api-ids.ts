import { readFileSync } from "node:fs";
import path from "node:path";
import { docsRoot } from "./paths.js";

const SPEC_PACKAGE = /^@backup-links\/spec-([a-z0-9-]+)$/;

/**
 * The API ids the site documents, in table order. They come from this package's own manifest: it lists
 * every spec package as a devDependency (so turbo bundles them first), and that list is the one place to add
 * an API to the site.
 */
export function apiIdsFromManifest(manifestPath = path.join(docsRoot, "package.json")): string[] {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { devDependencies?: Record<string, string> };
  const ids = Object.keys(manifest.devDependencies ?? {}).flatMap((name) => {
    const match = SPEC_PACKAGE.exec(name);
    return match?.[1] ? [match[1]] : [];
  });
  if (ids.length === 0) {
    throw new Error(`${manifestPath}: devDependencies must list at least one @backup-links/spec-<id> package`);
  }
  return ids;
}
