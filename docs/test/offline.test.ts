import { describe, expect, it } from "vitest";
import { findRemoteResources, inlineRemoteAssets, REMOTE_ASSET_REPLACEMENTS } from "../src/offline.js";

describe("inlineRemoteAssets", () => {
  it("swaps both Redocly logos for inline SVGs, everywhere they occur", () => {
    const html = 'src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg` x `https://cdn.redoc.ly/redoc/logo-mini.svg`';
    const out = inlineRemoteAssets(html);
    expect(out).not.toContain("cdn.redoc.ly");
    expect(out.split("data:image/svg+xml,").length - 1).toBe(3);
    expect(out).toContain(`\`${REMOTE_ASSET_REPLACEMENTS[0]![1]}\``);
  });

  it("produces replacements that are safe inside a JS template literal", () => {
    for (const [, inline] of REMOTE_ASSET_REPLACEMENTS) {
      expect(inline).toMatch(/^data:image\/svg\+xml,[^`$\\]+$/);
      expect(decodeURIComponent(inline.slice("data:image/svg+xml,".length))).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg".*<\/svg>$/);
    }
  });
});

describe("findRemoteResources", () => {
  it("finds what markup and styles would fetch from elsewhere", () => {
    const html = `<html><head>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
      <link rel="icon" href="favicon.ico">
      <style>@import url("https://example.com/a.css"); .x{background:url(//cdn.example.com/bg.png)} .y{background:url(data:image/png;base64,AAA)}</style>
      </head><body>
      <img src="https://example.com/i.png" alt=""><img src="local.png" alt="">
      <img srcset="local.png 1x, https://example.com/i2.png 2x" alt="">
      <a href="https://example.com/page">a link is not a fetch</a>
      <script>const docs = "https://redocly.com/docs"; const logo = "https://cdn.redoc.ly/redoc/logo.svg";</script>
      </body></html>`;
    expect(findRemoteResources(html)).toEqual([
      "//cdn.example.com/bg.png",
      "https://cdn.redoc.ly/redoc/logo.svg",
      "https://example.com/a.css",
      "https://example.com/i.png",
      "https://example.com/i2.png",
      "https://fonts.googleapis.com/css?family=Roboto",
    ]);
  });

  it("finds nothing in a self-contained page", () => {
    expect(findRemoteResources('<link rel="icon" href="data:,"><img src="a.png" alt=""><a href="https://x.org">x</a>')).toEqual([]);
  });
});
