/** The built site on disk (turbo runs `docs` before `test`): complete, current, self-contained. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiIdsFromManifest } from "../src/api-ids.js";
import { findRemoteResources } from "../src/offline.js";
import { bundledSpecPath, distDir, docsRoot, siteFiles } from "../src/paths.js";

const ids = apiIdsFromManifest();
const read = (file: string): string => readFileSync(path.join(distDir, file), "utf8");

describe("docs/dist", () => {
  it("exists (build it with pnpm docs)", () => {
    expect(existsSync(path.join(distDir, "index.html")), `${distDir}/index.html`).toBe(true);
  });

  it("holds exactly the index and, per API, its page and the bundled spec as YAML and JSON", () => {
    const expected = ["index.html", ...ids.flatMap((id) => Object.values(siteFiles(id)))].sort();
    expect(readdirSync(distDir).sort()).toEqual(expected);
    expect(readdirSync(docsRoot).filter((name) => /^dist\.(tmp|old)-/.test(name))).toEqual([]);
  });

  it.each(ids)("%s: the spec files are byte-for-byte the bundled ones", (id) => {
    const files = siteFiles(id);
    expect(read(files.yaml)).toBe(readFileSync(bundledSpecPath(id, "yaml"), "utf8"));
    expect(read(files.json)).toBe(readFileSync(bundledSpecPath(id, "json"), "utf8"));
  });

  it.each(ids)("%s: the page embeds Redoc, loads nothing remote and has Redoc's telemetry off", (id) => {
    const html = read(siteFiles(id).page);
    const spec = JSON.parse(read(siteFiles(id).json)) as { info: { title: string } };
    expect(html).toContain(`<title>${spec.info.title} — backup-links</title>`);
    expect(html).toContain('"disableTelemetry":true');
    expect(html).toContain("hydrate(__redoc_definition, __redoc_options");
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(findRemoteResources(html)).toEqual([]);
  });

  it("index.html is plain HTML with a row and a getting-started section per API", () => {
    const html = read("index.html");
    expect(html).not.toMatch(/<script/i);
    expect(findRemoteResources(html)).toEqual([]);
    for (const id of ids) {
      expect(html).toContain(`<tbody id="api-${id}">`);
      expect(html).toContain(`<section class="package" id="start-${id}"`);
    }
  });

  // Pinned here rather than read from the specs, so a list operation that vanished from a spec fails the docs too.
  const LIST_OPERATIONS: Record<string, { path: string; operationId: string }> = {
    "otc-rds": { path: "/v3/{project_id}/backups", operationId: "listBackups" },
    "huaweicloud-rds": { path: "/v3/{project_id}/backups", operationId: "listBackups" },
    "otc-dds": { path: "/v3/{project_id}/backups", operationId: "listBackups" },
    "huaweicloud-dds": { path: "/v3/{project_id}/backups", operationId: "listBackups" },
    "huaweicloud-dcs": { path: "/v2/{project_id}/instances/{instance_id}/backups", operationId: "listBackupRecords" },
    "otc-dcs": { path: "/v2/{project_id}/instances/{instance_id}/backups", operationId: "listBackupRecords" },
    "jdcloud-rds": { path: "/v1/regions/{regionId}/backups", operationId: "describeBackups" },
  };
  it("pins a list operation for every API on the site", () => {
    expect(Object.keys(LIST_OPERATIONS).sort()).toEqual([...ids].sort());
  });
  it.each(ids)("%s: the index row and the API page show the list operation", (id) => {
    const { path: opPath, operationId } = LIST_OPERATIONS[id]!;
    const html = read("index.html");
    const row = html.slice(html.indexOf(`<tbody id="api-${id}">`), html.indexOf("</tbody>", html.indexOf(`<tbody id="api-${id}">`)));
    expect(row).toContain(`<span class="method method-get">GET</span> <code class="path">${opPath.replace(/\//g, "/<wbr>")}</code>`);
    expect(row).toContain(`<code>${operationId}</code>`);
    // The server-rendered page has a menu entry for the operation, and the embedded definition carries it.
    const page = read(siteFiles(id).page);
    expect(page).toContain(`href="/other/${operationId.toLowerCase()}"`);
    expect(page).toContain(`"operationId":"${operationId}"`);
  });
});
