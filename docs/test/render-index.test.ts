import { describe, expect, it } from "vitest";
import { describeApi } from "../src/describe-api.js";
import { findRemoteResources } from "../src/offline.js";
import { renderIndex, type SiteModel } from "../src/render-index.js";
import { siteFiles } from "../src/paths.js";
import { miniSpec } from "./fixtures/mini-spec.js";

function model(): SiteModel {
  const doc = miniSpec();
  doc.paths!["/v1/{id}:old"] = { get: { operationId: "oldCall", summary: "Old call", deprecated: true, responses: {} } };
  return {
    project: { name: "backup-links", description: "Specs & clients <for> backups." },
    apis: [
      {
        id: "example-rds",
        facts: describeApi(doc, "example.json"),
        pkg: { name: "@backup-links/example-rds", version: "0.1.0", description: "Client for `Example` RDS" },
        files: siteFiles("example-rds"),
        example: { code: 'const x = a < b && "c";', origin: "readme" },
      },
      {
        id: "other-dcs",
        facts: describeApi(miniSpec(), "other.json"),
        pkg: { name: "@backup-links/other-dcs", version: "0.1.0" },
        files: siteFiles("other-dcs"),
      },
    ],
    mock: { name: "@backup-links/mock", defaultPort: 4010, apiOrder: ["other-dcs", "unknown", "example-rds"] },
  };
}

describe("renderIndex", () => {
  const html = renderIndex(model());

  it("is one self-contained page: no script, nothing fetched from elsewhere", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(findRemoteResources(html)).toEqual([]);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it("escapes every text it takes from specs and manifests", () => {
    expect(html).toContain("<p class=\"lead\">Specs &amp; clients &lt;for&gt; backups.</p>");
    expect(html).toContain("<code>const x = a &lt; b &amp;&amp; &quot;c&quot;;</code>");
    expect(html).toContain("<p>Client for <code>Example</code> RDS</p>");
  });

  it("has one table body per API with its facts, operations, package, page and spec files", () => {
    const row = html.slice(html.indexOf('<tbody id="api-example-rds">'), html.indexOf("</tbody>", html.indexOf('<tbody id="api-example-rds">')));
    expect(row).toContain('<td data-label="Vendor">Example Cloud</td>');
    expect(row).toContain('<td data-label="Service">RDS API v3</td>');
    expect(row).toContain('<span class="method method-get">GET</span> <code class="path">/<wbr>v3/<wbr>{project_id}/<wbr>backup-files</code>');
    expect(row).toContain('<li class="deprecated"><span class="method method-get">GET</span> <code class="path">/<wbr>v1/<wbr>{id}:old</code>');
    expect(row).toContain('<span class="badge">deprecated</span>');
    expect(row).toContain('<code class="cmd">npm install @backup-links/example-rds</code>');
    expect(row).toContain('<a href="example-rds.html">API reference');
    expect(row).toContain('<a href="example-rds.openapi.yaml" download type="application/yaml">OpenAPI YAML');
    expect(row).toContain('<a href="example-rds.openapi.json" download type="application/json">OpenAPI JSON');
    expect(row).toContain('<span class="source-label">Source document:</span> the Example RDS API reference, <code>backup-files.rst</code>; the Go SDK.');
    expect(html.match(/<tbody id="api-/g)).toHaveLength(2);
  });

  it("gives each package a getting-started section, saying so when there is no example", () => {
    expect(html).toContain('<section class="package" id="start-example-rds"');
    expect(html).toContain('<section class="package" id="start-other-dcs"');
    expect(html).toContain('<p class="note">The package README has no example yet.</p>');
    expect(html).toContain("<code>npx @backup-links/mock other-dcs</code> serves this API on\n<code>http://127.0.0.1:4010</code>");
  });

  it("lists the mock's default ports in the mock's own order, for the APIs on the site only", () => {
    const ports = html.slice(html.indexOf('<table class="ports">'));
    expect(ports).toContain('<tr><th scope="row"><code>other-dcs</code></th><td><code>http://127.0.0.1:4010</code></td></tr>');
    expect(ports).toContain('<tr><th scope="row"><code>example-rds</code></th><td><code>http://127.0.0.1:4011</code></td></tr>');
    expect(ports).not.toContain("unknown");
  });

  it("links only to its own anchors and files", () => {
    const targets = [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!);
    const anchors = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    for (const target of targets) {
      if (target.startsWith("#")) expect(anchors.has(target.slice(1)), target).toBe(true);
      else expect(target).toMatch(/^(example-rds|other-dcs)\.(html|openapi\.yaml|openapi\.json)$/);
    }
  });
});
