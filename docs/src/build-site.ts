import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { apiIdsFromManifest } from "./api-ids.js";
import { describeApi } from "./describe-api.js";
import { gettingStartedExample } from "./example.js";
import { assertOpenApiDocument, type OpenApiDocument } from "./openapi.js";
import { readPackageFacts } from "./package-info.js";
import { bundledSpecPath, distDir, packageDir, repoRoot, siteFiles } from "./paths.js";
import { mapBounded } from "./pool.js";
import { baseRedocOptions, buildRedocPage } from "./redoc-page.js";
import { renderIndex, type MockFacts, type SiteApi } from "./render-index.js";
import { documentForRendering } from "./render-spec.js";

export const PROJECT_NAME = "backup-links";
/** The first port of `backup-links-mock` when none is given (its `--port` default). */
export const MOCK_DEFAULT_PORT = 4010;

export interface BuildOptions {
  outDir?: string;
  /** How many Redocly processes run at once (default: 2, or 1 on a one-core machine). */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface BuildReport {
  outDir: string;
  concurrency: number;
  pages: { id: string; file: string; bytes: number; ms: number }[];
  index: { file: string; bytes: number };
  warnings: string[];
  totalMs: number;
}

/**
 * Builds the whole site into a staging folder next to `outDir` and swaps it in only when every page is
 * done, so a failed build never leaves a half-written site behind.
 */
export async function buildSite(options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now();
  const outDir = options.outDir ?? distDir;
  const log = options.log ?? (() => {});
  const concurrency = options.concurrency ?? Math.max(1, Math.min(2, os.availableParallelism()));
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    log(`warning: ${message}`);
  };

  const staging = `${outDir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  // What Redoc renders (see render-spec.ts) goes to a private temp folder, never into the site.
  const renderDir = await mkdtemp(path.join(os.tmpdir(), "backup-links-docs-"));
  try {
    const apis = apiIdsFromManifest().map((id) => loadApi(id, warn));
    for (const api of apis) {
      await copyFile(bundledSpecPath(api.id, "yaml"), path.join(staging, api.files.yaml));
      await copyFile(bundledSpecPath(api.id, "json"), path.join(staging, api.files.json));
    }

    const redocOptions = await baseRedocOptions();
    log(`Rendering ${apis.length} API pages with Redoc, ${concurrency} at a time...`);
    const pages = await mapBounded(apis, concurrency, async (api) => {
      const pageStarted = performance.now();
      const file = path.join(staging, api.files.page);
      const renderFile = path.join(renderDir, `${api.id}.json`);
      await writeFile(renderFile, JSON.stringify(documentForRendering(api.doc)));
      const bytes = await buildRedocPage(
        {
          id: api.id,
          specFile: renderFile,
          output: file,
          title: `${api.facts.title} — ${PROJECT_NAME}`,
          description: api.facts.summary,
          downloads: [
            { title: "OpenAPI YAML", url: api.files.yaml },
            { title: "OpenAPI JSON", url: api.files.json },
          ],
        },
        redocOptions,
      );
      const ms = Math.round(performance.now() - pageStarted);
      log(`  ${api.files.page.padEnd(26)} ${String(bytes).padStart(9)} bytes  ${ms} ms`);
      return { id: api.id, file: api.files.page, bytes, ms };
    });

    const html = renderIndex({
      project: { name: PROJECT_NAME, description: projectDescription() },
      apis,
      mock: await loadMockFacts(warn),
    });
    await writeFile(path.join(staging, "index.html"), html);
    const index = { file: "index.html", bytes: Buffer.byteLength(html) };
    log(`  ${"index.html".padEnd(26)} ${String(index.bytes).padStart(9)} bytes`);

    await swapIn(staging, outDir);
    return { outDir, concurrency, pages, index, warnings, totalMs: Math.round(performance.now() - started) };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    await rm(renderDir, { recursive: true, force: true });
  }
}

function loadApi(id: string, warn: (message: string) => void): SiteApi & { doc: OpenApiDocument } {
  const specFile = bundledSpecPath(id, "json");
  for (const file of [specFile, bundledSpecPath(id, "yaml")]) {
    if (!existsSync(file)) {
      throw new Error(`${path.relative(repoRoot, file)}: missing; bundle the spec first (pnpm turbo run bundle --filter=@backup-links/spec-${id})`);
    }
  }
  const doc: unknown = JSON.parse(readFileSync(specFile, "utf8"));
  const relative = path.relative(repoRoot, specFile);
  assertOpenApiDocument(doc, relative);
  const facts = describeApi(doc, relative);
  const pkg = readPackageFacts(packageDir(id));
  const main = facts.operations.find((op) => !op.deprecated) ?? facts.operations[0];
  const example = main ? gettingStartedExample(doc, main, pkg) : undefined;
  if (!example) warn(`packages/${id}: no example (no TypeScript code block in README.md, no create...Client export found)`);
  else if (example.origin !== "readme") warn(`packages/${id}/README.md: no TypeScript example; the index shows the ${example.origin === "generated" ? "one generated from the spec" : "factory's @example"}`);
  return { id, doc, facts, pkg, files: siteFiles(id), ...(example ? { example } : {}) };
}

function projectDescription(): string {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { description?: string };
  if (!manifest.description) throw new Error("package.json (root): description must be set; the site's introduction shows it");
  return manifest.description;
}

async function loadMockFacts(warn: (message: string) => void): Promise<MockFacts> {
  const dir = packageDir("mock");
  const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as {
    name: string;
    description?: string;
    bin?: Record<string, string>;
  };
  let apiOrder: readonly string[] | undefined;
  try {
    // The mock's own list decides which port each API gets; it is a devDependency, built before this task.
    const mod = (await import("@backup-links/mock")) as { API_IDS?: readonly string[] };
    apiOrder = mod.API_IDS;
  } catch (error) {
    warn(`@backup-links/mock could not be loaded (${(error as Error).message.split("\n")[0]}); the index leaves out the mock's port table`);
  }
  return {
    name: manifest.name,
    ...(manifest.bin ? { bin: Object.keys(manifest.bin)[0] } : {}),
    ...(manifest.description ? { description: manifest.description } : {}),
    ...(apiOrder ? { apiOrder } : {}),
    defaultPort: MOCK_DEFAULT_PORT,
  };
}

async function swapIn(staging: string, outDir: string): Promise<void> {
  const old = `${outDir}.old-${process.pid}`;
  const hadOld = await stat(outDir).then(() => true, () => false);
  if (hadOld) await rename(outDir, old);
  await rename(staging, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
