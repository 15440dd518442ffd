import path from "node:path";
import { fileURLToPath } from "node:url";

/** The docs package folder (`docs/`), wherever the repository is checked out. */
export const docsRoot = fileURLToPath(new URL("..", import.meta.url));
/** The repository root: specs and client packages are read from here. */
export const repoRoot = path.resolve(docsRoot, "..");
/** Where the finished site is published. */
export const distDir = path.join(docsRoot, "dist");
/** Browser test screenshots (a turbo output of `test`, gitignored). */
export const artifactsDir = path.join(docsRoot, "artifacts");

export const bundledSpecPath = (id: string, ext: "yaml" | "json"): string =>
  path.join(repoRoot, "specs", id, "dist", `openapi.${ext}`);

export const packageDir = (id: string): string => path.join(repoRoot, "packages", id);

/** File names of one API inside the site; the index links to exactly these. */
export function siteFiles(id: string): { page: string; yaml: string; json: string } {
  return { page: `${id}.html`, yaml: `${id}.openapi.yaml`, json: `${id}.openapi.json` };
}
