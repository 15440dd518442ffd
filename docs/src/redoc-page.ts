import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { findRemoteResources, inlineRemoteAssets } from "./offline.js";
import { docsRoot } from "./paths.js";

const redoclyBin = path.join(docsRoot, "node_modules", ".bin", "redocly");
const configPath = path.join(docsRoot, "redocly.yaml");
const templatePath = path.join(docsRoot, "redoc-template.hbs");

export interface RedocPageInput {
  id: string;
  /** The bundled spec to render (the copy inside the site). */
  specFile: string;
  output: string;
  title: string;
  description: string;
  /** Links of the page's "Download" button, relative to the page. */
  downloads: { title: string; url: string }[];
  timeoutMs?: number;
}

/** The Redoc options of docs/redocly.yaml (`openapi:`), shared by every page. */
export async function baseRedocOptions(): Promise<Record<string, unknown>> {
  const config = parseYaml(await readFile(configPath, "utf8")) as { telemetry?: unknown; openapi?: Record<string, unknown> };
  if (config.telemetry !== "off") throw new Error(`${configPath}: telemetry must be "off"`);
  return config.openapi ?? {};
}

/**
 * Renders one API page with `redocly build-docs --inlineBundle` (Redoc and its styles inlined into the HTML),
 * then swaps the last remote asset for an inline one and checks that nothing remote is left.
 * Returns the page's size in bytes.
 */
export async function buildRedocPage(input: RedocPageInput, redocOptions: Record<string, unknown>): Promise<number> {
  // --openapi takes the options as JSON and then ignores the config's `openapi:` section, so both are merged here.
  const options = { ...redocOptions, downloadUrls: input.downloads };
  const args = [
    "build-docs",
    input.specFile,
    "--inlineBundle",
    "--output",
    input.output,
    "--config",
    configPath,
    "--template",
    templatePath,
    "--title",
    input.title,
    "--templateOptions.apiId",
    input.id,
    "--templateOptions.description",
    input.description,
    "--openapi",
    JSON.stringify(options),
  ];
  await run(redoclyBin, args, input.timeoutMs ?? 180_000, input.id);

  const rendered = await readFile(input.output, "utf8");
  const html = inlineRemoteAssets(rendered);
  const remote = findRemoteResources(html);
  if (remote.length > 0) throw new Error(`${input.id}: the rendered page still loads remote resources: ${remote.join(", ")}`);
  // build-docs writes this flag from the config's `telemetry: off`; without it Redoc posts traces from the browser.
  if (!html.includes('"disableTelemetry":true')) throw new Error(`${input.id}: the rendered page does not disable Redoc telemetry`);
  await writeFile(input.output, html);
  return Buffer.byteLength(html);
}

function run(file: string, args: string[], timeoutMs: number, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: docsRoot, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      // Drop Redocly's boxed "Node.js 20 support is ending" notice, so the real message is what is shown.
      const output = `${stdout}\n${stderr}`
        .split("\n")
        .filter((line) => line.trim() !== "" && !/[║═╔╚╗╝]/.test(line))
        .slice(-20)
        .join("\n");
      reject(new Error(`${label}: redocly build-docs failed (${error.killed ? `killed after ${timeoutMs} ms` : `exit ${error.code}`}):\n${output}`));
    });
  });
}
