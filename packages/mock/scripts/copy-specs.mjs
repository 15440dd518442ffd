#!/usr/bin/env node
// Build step: copies every bundled spec this package depends on (devDependencies @backup-links/spec-<id>,
// resolved through the workspace) to specs/<id>.json, so the published package carries its own documents and
// `npx @backup-links/mock` needs nothing else. Each file is written to a temporary name and renamed, so an
// interrupted build never leaves a half-written spec; files of APIs no longer listed are removed.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const prefix = "@backup-links/spec-";
const ids = Object.keys(manifest.devDependencies ?? {})
  .filter((name) => name.startsWith(prefix))
  .map((name) => name.slice(prefix.length));
if (ids.length === 0) throw new Error(`no ${prefix}<id> devDependencies in ${join(packageDir, "package.json")}`);

const require = createRequire(join(packageDir, "package.json"));
const outDir = join(packageDir, "specs");
mkdirSync(outDir, { recursive: true });
for (const id of ids) {
  const specPackageDir = dirname(require.resolve(`${prefix}${id}/package.json`));
  const source = join(specPackageDir, "dist", "openapi.json");
  let text;
  try {
    text = readFileSync(source, "utf8");
  } catch {
    throw new Error(`${source} is missing: bundle the spec first (pnpm turbo run bundle --filter=${prefix}${id})`);
  }
  const document = JSON.parse(text); // a truncated or broken bundle fails the build here, not in a user's mock
  if (typeof document.openapi !== "string" || typeof document.paths !== "object") {
    throw new Error(`${source} is not an OpenAPI document (no "openapi" or "paths")`);
  }
  const target = join(outDir, `${id}.json`);
  writeFileSync(`${target}.tmp`, text);
  renameSync(`${target}.tmp`, target);
}
for (const file of readdirSync(outDir)) {
  if (!ids.includes(file.replace(/\.json$/, ""))) rmSync(join(outDir, file), { force: true });
}
console.log(`copied ${ids.length} bundled specs to ${outDir}: ${ids.join(", ")}`);
