/** The index page's only stylesheet: system fonts, light and dark, a table that turns into cards on phones. */
export const INDEX_CSS = `
:root {
  --fg: #1b2733; --muted: #4f5f6f; --bg: #ffffff; --bg-soft: #f3f6f9; --line: #d5dde5;
  --link: #0b5cad; --accent: #1d2b3a; --code-bg: #eef2f6;
  --get: #1a7f37; --post: #8250df; --put: #9a6700; --delete: #cf222e;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #a8b3be; --bg: #0f1419; --bg-soft: #171e26; --line: #2f3b47;
    --link: #79b8ff; --accent: #0a1016; --code-bg: #1e2731;
    --get: #56d364; --post: #d2a8ff; --put: #e3b341; --delete: #ff7b72;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.wrap { max-width: 80rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--link); }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; border-radius: 2px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .875em; }
code { background: var(--code-bg); padding: .1em .3em; border-radius: 4px; overflow-wrap: anywhere; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 .5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
h3 .sub { font-weight: 400; color: var(--muted); font-size: .95rem; margin-left: .4rem; }
.lead { font-size: 1.15rem; color: var(--muted); margin-top: 0; }
.skip { position: absolute; left: -999px; top: .5rem; background: var(--bg); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.site-header { background: var(--accent); color: #fff; }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .25rem 1rem; min-height: 3rem; }
.site-header .brand { margin: 0; font-weight: 700; font-size: 1.1rem; }
.site-header ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.site-header a { color: #fff; text-decoration: none; }
.site-header a:hover { text-decoration: underline; }
.site-footer { margin-top: 3rem; padding: 1rem 0 2rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }

table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); padding: 0 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .6rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--bg-soft); font-size: .9rem; border-bottom: 2px solid var(--line); }
table.apis { font-size: .92rem; }
table.apis tbody th { white-space: nowrap; }
table.apis tbody tr:first-child > * { border-bottom: 0; padding-bottom: .2rem; }
table.apis tbody + tbody tr:first-child > * { border-top: 1px solid var(--line); }
.api-title { display: block; white-space: normal; font-weight: 400; color: var(--muted); font-size: .85rem; max-width: 11rem; }
.source-row td { font-size: .82rem; color: var(--muted); padding-top: .1rem; padding-bottom: .9rem; }
.source-label { font-weight: 600; }
code.path { overflow-wrap: normal; }
.links a { white-space: nowrap; }
.ops, .links { list-style: none; margin: 0; padding: 0; }
.ops li + li, .links li + li { margin-top: .4rem; }
.ops .deprecated { opacity: .8; }
.op-id { display: block; font-size: .85em; color: var(--muted); }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4em; border: 1px solid currentColor; border-radius: 999px; }
.method { display: inline-block; font-weight: 700; font-size: .8rem; letter-spacing: .02em; }
.method-get { color: var(--get); } .method-post { color: var(--post); } .method-put { color: var(--put); } .method-delete { color: var(--delete); }
code.pkg, code.cmd { display: inline-block; margin-bottom: .3rem; white-space: nowrap; overflow-wrap: normal; }
.small { font-size: .85rem; display: block; }
.table-scroll { overflow-x: auto; }
pre.code { background: var(--code-bg); padding: .75rem 1rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
pre.code code { background: none; padding: 0; font-size: .85rem; overflow-wrap: normal; }
.note { color: var(--muted); font-style: italic; }
table.ports { max-width: 32rem; }
.package { border-left: 3px solid var(--line); padding-left: 1rem; }

/* Phones: every API row becomes a card with labelled fields. */
@media (max-width: 60rem) {
  table.apis caption { display: block; }
  table.apis thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.apis, table.apis tbody, table.apis tr, table.apis th, table.apis td { display: block; width: 100%; }
  table.apis tbody { border: 1px solid var(--line); border-radius: 8px; margin-bottom: 1rem; padding: .25rem .75rem; }
  table.apis tbody + tbody tr:first-child > * { border-top: 0; }
  table.apis th, table.apis td { border: 0; padding: .4rem 0; }
  .source-label { display: none; }
  code.path, code.pkg, code.cmd { overflow-wrap: anywhere; white-space: normal; }
  table.apis tbody th { white-space: normal; font-size: 1.05rem; }
  table.apis td::before { content: attr(data-label); display: block; font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
  .api-title { max-width: none; }
}
`;
