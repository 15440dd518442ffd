import type { ApiFacts } from "./describe-api.js";
import type { Example } from "./example.js";
import { escapeHtml as e, inlineMarkdown } from "./html.js";
import type { PackageFacts } from "./package-info.js";
import { INDEX_CSS } from "./index-css.js";

export interface SiteApi {
  id: string;
  facts: ApiFacts;
  pkg: PackageFacts;
  files: { page: string; yaml: string; json: string };
  example?: Example;
}

export interface MockFacts {
  name: string;
  bin?: string;
  description?: string;
  /** The order in which the mock starts all APIs (one port each, counting up from defaultPort). */
  apiOrder?: readonly string[];
  defaultPort: number;
}

export interface SiteModel {
  project: { name: string; description: string };
  apis: SiteApi[];
  mock: MockFacts;
}

const METHOD_CLASS = (method: string): string => `method method-${e(method.toLowerCase())}`;

/** The whole index page: plain HTML and one inline stylesheet, no script, nothing fetched. */
export function renderIndex(model: SiteModel): string {
  const { project, apis, mock } = model;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${e(project.name)} — API documentation</title>
<meta name="description" content="${e(project.description)}">
<style>${INDEX_CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap">
    <p class="brand">${e(project.name)}</p>
    <nav aria-label="Sections">
      <ul>
        <li><a href="#apis">APIs</a></li>
        <li><a href="#getting-started">Getting started</a></li>
        <li><a href="#mock">Mock server</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap">
<h1>${e(project.name)}</h1>
<p class="lead">${e(project.description)}</p>
<p>Each cloud below has one API call that hands out time-limited download links for the files of a database
backup. For every one of them this site has the OpenAPI 3.1 spec (rendered, and as YAML and JSON), the typed
client package that signs and sends the call, and a mock server built from the same spec.</p>

<section aria-labelledby="apis">
<h2 id="apis">APIs</h2>
<div class="table-scroll">
<table class="apis">
<caption>The ${apis.length} APIs, their specs and client packages</caption>
<thead>
<tr>
  <th scope="col">API</th>
  <th scope="col">Vendor</th>
  <th scope="col">Service</th>
  <th scope="col">Operation</th>
  <th scope="col">Package</th>
  <th scope="col">Docs and spec</th>
</tr>
</thead>
${apis.map(renderRow).join("\n")}
</table>
</div>
</section>

<section aria-labelledby="getting-started">
<h2 id="getting-started">Getting started</h2>
<p>The client packages are ESM with TypeScript types and need only <code>fetch</code> and Web Crypto (Node.js 20 or
later, Deno, Bun, workers). Every client has <code>getBackupDownloadLinks(...)</code> for the documented
operation and <code>.raw</code>, the typed <code>openapi-fetch</code> client. Bad input throws before any request
is sent; error responses throw an error carrying the status, the provider's error code and the request id.</p>
${apis.map((api) => renderGettingStarted(api, mock)).join("\n")}
</section>

<section aria-labelledby="mock">
<h2 id="mock">Mock server</h2>
${renderMock(mock, apis)}
</section>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>Generated from the bundled OpenAPI specs (${apis.map((api) => `<code>${e(api.id)}</code> ${e(api.facts.version)}`).join(", ")})
    and the package manifests. API pages rendered with Redoc.</p>
  </div>
</footer>
</body>
</html>
`;
}

/** A path with a line-break opportunity after each "/", so long paths wrap between segments, not inside them. */
function breakablePath(path: string): string {
  return e(path).replace(/\//g, "/<wbr>");
}

function renderRow(api: SiteApi): string {
  const { id, facts, pkg, files } = api;
  const operations = facts.operations
    .map(
      (op) => `<li${op.deprecated ? ' class="deprecated"' : ""}><span class="${METHOD_CLASS(op.method)}">${e(op.method.toUpperCase())}</span> <code class="path">${breakablePath(op.path)}</code>
      <span class="op-id"><code>${e(op.operationId)}</code>${op.deprecated ? ' <span class="badge">deprecated</span>' : ""}</span></li>`,
    )
    .join("\n      ");
  const source = facts.source.url
    ? `${inlineMarkdown(facts.source.text)} <span class="url">(<code>${e(facts.source.url)}</code>)</span>`
    : inlineMarkdown(facts.source.text);
  // One <tbody> per API: the main row, then the source documents under it across the columns, which keeps
  // the long citations from squeezing the table.
  return `<tbody id="api-${e(id)}">
<tr>
  <th scope="row" data-label="API"><a href="${e(files.page)}"><code>${e(id)}</code></a><span class="api-title">${e(facts.title)}</span></th>
  <td data-label="Vendor">${e(facts.vendor)}</td>
  <td data-label="Service">${e(facts.service)}</td>
  <td data-label="Operation"><ul class="ops">
      ${operations}
    </ul></td>
  <td data-label="Package"><code class="pkg">${e(pkg.name)}</code>
    <code class="cmd">npm install ${e(pkg.name)}</code>
    <a class="small" href="#start-${e(id)}">Getting started<span class="visually-hidden"> with ${e(pkg.name)}</span></a></td>
  <td data-label="Docs and spec"><ul class="links">
      <li><a href="${e(files.page)}">API reference<span class="visually-hidden"> of ${e(id)}</span></a></li>
      <li><a href="${e(files.yaml)}" download type="application/yaml">OpenAPI YAML<span class="visually-hidden"> of ${e(id)}</span></a></li>
      <li><a href="${e(files.json)}" download type="application/json">OpenAPI JSON<span class="visually-hidden"> of ${e(id)}</span></a></li>
    </ul></td>
</tr>
<tr class="source-row">
  <td colspan="6" data-label="Source document"><span class="source-label">Source document:</span> ${source}</td>
</tr>
</tbody>`;
}

function renderGettingStarted(api: SiteApi, mock: MockFacts): string {
  const { id, facts, pkg, files, example } = api;
  const main = facts.operations.find((op) => !op.deprecated) ?? facts.operations[0];
  return `<section class="package" id="start-${e(id)}" aria-labelledby="start-${e(id)}-title">
<h3 id="start-${e(id)}-title"><code>${e(pkg.name)}</code> <span class="sub">${e(facts.vendor)} ${e(facts.service)}</span></h3>
${pkg.description ? `<p>${inlineMarkdown(pkg.description)}</p>` : ""}
${main ? `<p>${e(main.summary)}: <span class="${METHOD_CLASS(main.method)}">${e(main.method.toUpperCase())}</span> <code class="path">${breakablePath(main.path)}</code>. <a href="${e(files.page)}">Full reference</a>.</p>` : ""}
<pre class="code" tabindex="0" role="region" aria-label="Install ${e(pkg.name)}"><code>npm install ${e(pkg.name)}</code></pre>
${
  example
    ? `<pre class="code" tabindex="0" role="region" aria-label="Example for ${e(pkg.name)}"><code>${e(example.code)}</code></pre>`
    : `<p class="note">The package README has no example yet.</p>`
}
<p>Try it against the mock: <code>npx ${e(mock.name)} ${e(id)}</code> serves this API on
<code>http://127.0.0.1:${mock.defaultPort}</code>; pass that as the client's <code>baseUrl</code>.</p>
</section>`;
}

function renderMock(mock: MockFacts, apis: SiteApi[]): string {
  const known = new Set(apis.map((api) => api.id));
  const order = (mock.apiOrder ?? []).filter((id) => known.has(id));
  const ports = order.length
    ? `<table class="ports">
<caption>Default ports of <code>npx ${e(mock.name)}</code></caption>
<thead><tr><th scope="col">API</th><th scope="col">Base URL</th></tr></thead>
<tbody>
${order.map((id, i) => `<tr><th scope="row"><code>${e(id)}</code></th><td><code>http://127.0.0.1:${mock.defaultPort + i}</code></td></tr>`).join("\n")}
</tbody>
</table>`
    : "";
  return `<p>${mock.description ? `${inlineMarkdown(mock.description)}. ` : ""}The mock answers with the examples of the
spec, checks requests against it (a missing parameter gets the spec's 400, missing credentials a 401) and needs no
cloud account: use it in your own tests.</p>
<pre class="code" tabindex="0" role="region" aria-label="Run every mock"><code>npx ${e(mock.name)}</code></pre>
<p>It starts one mock per API on consecutive ports from ${mock.defaultPort}, prints where each one listens, and
stops them all on Ctrl-C. Name APIs to start only those, and choose the first port with <code>--port</code>:</p>
<pre class="code" tabindex="0" role="region" aria-label="Run two mocks"><code>npx ${e(mock.name)} ${e(apis[0]?.id ?? "")}${apis[1] ? ` ${e(apis[apis.length - 1]?.id ?? "")}` : ""} --port 5000</code></pre>
${ports}`;
}
