/**
 * Makes a Redoc page load nothing from the network, and finds what would still be loaded.
 *
 * With --inlineBundle, build-docs inlines Redoc itself, and Redoc 3 no longer loads Google Fonts. One thing is
 * left: the "API docs by Redocly" attribution in the sidebar is an <img> from cdn.redoc.ly. It is swapped for an
 * inline SVG of the same wording, so the attribution stays and the request goes.
 */

const svg = (width: number, text: string): string =>
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12.5" font-family="system-ui,sans-serif" font-size="12.5" font-weight="700" fill="#5a6b7b">${text}</text></svg>`,
  );

/** Remote assets Redoc's bundle refers to, and the inline replacement of each. */
export const REMOTE_ASSET_REPLACEMENTS: ReadonlyArray<readonly [remote: string, inline: string]> = [
  ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", svg(58, "Redocly")],
  ["https://cdn.redoc.ly/redoc/logo-mini.svg", svg(10, "R")],
];

export function inlineRemoteAssets(html: string): string {
  let out = html;
  for (const [remote, inline] of REMOTE_ASSET_REPLACEMENTS) out = out.split(remote).join(inline);
  return out;
}

/**
 * Resources an HTML page would fetch from another origin through its markup and styles: `src`/`srcset`/
 * `poster`/`data` attributes, `<link href>` (stylesheets, preloads, icons), CSS `url(...)` and `@import`, and
 * the known CDN hosts anywhere (also inside scripts). Plain `<a href>` links are not fetches and are not listed.
 * The browser test is the final word (it blocks and counts every request); this is the fast check at build time.
 */
export function findRemoteResources(html: string): string[] {
  const found = new Set<string>();
  const withoutScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "<script></script>");
  const patterns = [
    /<(?:img|script|iframe|source|video|audio|embed|track|input)\b[^>]*?\s(?:src|poster|data)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /\ssrcset\s*=\s*["'][^"']*?((?:https?:)?\/\/[^"'\s,]+)/gi,
    /<link\b[^>]*?\shref\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi,
    /url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi,
    /@import\s+(?:url\()?\s*["']((?:https?:)?\/\/[^"']+)/gi,
  ];
  for (const pattern of patterns) for (const match of withoutScripts.matchAll(pattern)) if (match[1]) found.add(match[1]);
  for (const match of html.matchAll(/https?:\/\/(?:fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.redoc\.ly|cdn\.redocly\.com\/redoc)[^"'`\s)]*/g)) {
    found.add(match[0]);
  }
  return [...found].sort();
}
