/**
 * The built site (docs/dist) in a real headless Chromium, served over HTTP from 127.0.0.1: no request may leave
 * the page's origin, no console error may appear, every API page must show what its bundled spec says, and every
 * link of the index must resolve. Full-page screenshots go to docs/artifacts/.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { apiIdsFromManifest } from "../src/api-ids.js";
import type { OpenApiDocument } from "../src/openapi.js";
import { artifactsDir, distDir, packageDir, siteFiles } from "../src/paths.js";
import { serveStatic, type StaticServer } from "../src/static-server.js";
import { CHROMIUM_ARGS, locateChromium } from "./helpers/chromium.js";
import { expectedOperations } from "./helpers/expectations.js";
import { scrollThrough, showWholePage, watchedPage, type PageWatch } from "./helpers/page-watch.js";

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const apiIds = apiIdsFromManifest();
const chromiumLookup = locateChromium();
const normalize = (text: string): string => text.replace(/\u200b/g, "").replace(/\s+/g, " ").trim();

function distSpec(id: string): OpenApiDocument {
  return JSON.parse(readFileSync(path.join(distDir, siteFiles(id).json), "utf8")) as OpenApiDocument;
}

if ("missing" in chromiumLookup) {
  if (process.env.CI === "true") {
    describe("docs site in headless Chromium", () => {
      it("has a Chromium to run in (CI=true: the browser tests must run, not skip)", () => {
        throw new Error(`${chromiumLookup.missing}; CI=true requires the browser tests to run`);
      });
    });
  } else {
    console.warn(`[docs] browser tests skipped: ${chromiumLookup.missing}`);
    describe.skip(`docs site in headless Chromium (skipped: ${chromiumLookup.missing})`, () => {
      it("renders the site", () => {});
    });
  }
} else {
  const { executablePath } = chromiumLookup;

  // A Redoc page took 5-14 s here while CI ran every suite at once on two cores, and one CI run failed a test of
  // this file on a loaded machine without saying which. So: 120 s per test, 60 s per browser action, and one
  // retry, which a broken page fails too (the reporter marks a test that passed only on its retry).
  describe("docs site in headless Chromium", { retry: 1, timeout: 120_000 }, () => {
    let server: StaticServer;
    let browser: Browser;

    beforeAll(async () => {
      if (!existsSync(path.join(distDir, "index.html"))) {
        throw new Error(`${distDir}/index.html is missing: build the site first (pnpm docs, or pnpm --filter @backup-links/docs docs)`);
      }
      await mkdir(artifactsDir, { recursive: true });
      server = await serveStatic(distDir);
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(file: string, viewport = DESKTOP): Promise<PageWatch & { close: () => Promise<void> }> {
      // A crashed browser would fail the retry and every later test too.
      if (!browser.isConnected()) browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      const context = await browser.newContext({ viewport, acceptDownloads: false });
      context.setDefaultTimeout(60_000);
      const watch = await watchedPage(context, server.origin);
      const response = await watch.page.goto(`${server.origin}/${file}`, { waitUntil: "load" });
      expect(response?.status(), `${file}: HTTP status`).toBe(200);
      return { ...watch, close: () => context.close() };
    }

    async function screenshot(page: Page, name: string, width: number): Promise<void> {
      await page.evaluate(() => window.scrollTo(0, 0));
      await showWholePage(page, width);
      await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
    }

    it("the watch itself catches a page that fetches from elsewhere or logs an error", async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "docs-watch-"));
      writeFileSync(
        path.join(dir, "bad.html"),
        '<!DOCTYPE html><title>bad</title><img src="https://cdn.example.com/x.png" alt=""><script>console.error("boom")</script>',
      );
      const badServer = await serveStatic(dir);
      const context = await browser.newContext();
      try {
        const { page, blocked, errors } = await watchedPage(context, badServer.origin);
        await page.goto(`${badServer.origin}/bad.html`, { waitUntil: "load" });
        expect(blocked).toEqual(["https://cdn.example.com/x.png"]);
        expect(errors).toContain("console.error: boom");
      } finally {
        await context.close();
        await badServer.close();
      }
    });

    describe("index.html", () => {
      it("loads nothing from outside, logs no error, and every link resolves on the site", async () => {
        const { page, blocked, errors, close } = await open("index.html");
        try {
          const links = await page.$$eval("a[href]", (anchors) =>
            anchors.map((a) => ({ href: a.getAttribute("href") ?? "", url: (a as HTMLAnchorElement).href, name: a.textContent?.trim() ?? "" })),
          );
          expect(links.length).toBeGreaterThan(apiIds.length * 4);
          for (const link of links) {
            expect(link.name, `link ${link.href} has no text`).not.toBe("");
            if (link.href.startsWith("#")) {
              const id = decodeURIComponent(link.href.slice(1));
              expect(await page.locator(`[id="${id}"]`).count(), `in-page anchor ${link.href}`).toBe(1);
              continue;
            }
            expect(link.url.startsWith(`${server.origin}/`), `${link.href} must stay on the site`).toBe(true);
            const response = await page.request.get(link.url);
            expect(response.status(), `GET ${link.href}`).toBe(200);
          }
          await screenshot(page, "index", DESKTOP.width);
          expect(blocked).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      });

      it("has a row per API with the spec's operations, the package and its install command, the page and both spec files", async () => {
        const { page, blocked, errors, close } = await open("index.html");
        try {
          for (const id of apiIds) {
            const doc = distSpec(id);
            const manifest = JSON.parse(readFileSync(path.join(packageDir(id), "package.json"), "utf8")) as { name: string };
            const row = page.locator(`tbody#api-${id}`);
            const text = normalize(await row.innerText());
            expect(text).toContain(doc.info.title);
            for (const op of expectedOperations(doc)) {
              expect(text).toContain(`${op.method} ${op.path}`);
              expect(text).toContain(op.operationId);
            }
            expect(text).toContain(manifest.name);
            expect(text).toContain(`npm install ${manifest.name}`);
            // The source documents: the "Source:" paragraph of the spec's description, under the row.
            const sourceParagraph = (doc.info.description ?? "").split(/\n\s*\n/).find((p) => /^Sources?:/.test(p));
            expect(sourceParagraph, `${id}: info.description has a "Source:" paragraph`).toBeDefined();
            expect(text).toContain(`Source document: ${normalize(sourceParagraph!.replace(/^Sources?:\s*/, "").replace(/`/g, ""))}`);
            const hrefs = await row.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
            const files = siteFiles(id);
            expect(hrefs).toEqual(expect.arrayContaining([files.page, files.yaml, files.json, `#start-${id}`]));

            const start = normalize(await page.locator(`section#start-${id}`).innerText());
            expect(start).toContain(`npm install ${manifest.name}`);
            expect(start).toContain(`npx @backup-links/mock ${id}`);
          }
          expect(blocked).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      });

      it("serves each API's YAML and JSON as the same document", async () => {
        const { page, close } = await open("index.html");
        try {
          for (const id of apiIds) {
            const files = siteFiles(id);
            const yaml = await page.request.get(`${server.origin}/${files.yaml}`);
            const json = await page.request.get(`${server.origin}/${files.json}`);
            expect(parseYaml(await yaml.text())).toEqual(await json.json());
          }
        } finally {
          await close();
        }
      });

      it("is readable on a phone: no sideways scrolling, every API a card", async () => {
        const { page, blocked, errors, close } = await open("index.html", PHONE);
        try {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          const rowDisplay = await page.locator(`tbody#api-${apiIds[0]}`).evaluate((row) => getComputedStyle(row).display);
          expect(rowDisplay).toBe("block");
          await screenshot(page, "index-phone", PHONE.width);
          expect(blocked).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      });
    });

    describe.each(apiIds)("%s.html", (id) => {
      it("renders every operation with its summary, method, path, parameters and response fields, offline and without errors", async () => {
        const doc = distSpec(id);
        const expected = expectedOperations(doc);
        const { page, blocked, errors, close } = await open(siteFiles(id).page);
        try {
          // Hydrated: React has attached itself to the server-rendered markup.
          await page.waitForFunction(() => {
            const first = document.getElementById("redoc")?.firstElementChild;
            return !!first && Object.keys(first).some((key) => key.startsWith("__reactFiber"));
          });
          // Redoc mounts sections as they come near the viewport: scroll first, then expect the fields to be there.
          await scrollThrough(page);
          await showWholePage(page, DESKTOP.width);
          await page.waitForSelector(".schema-property-item", { state: "attached" });

          for (const op of expected) {
            const section = page.locator(`[data-section-id$="/${op.operationId.toLowerCase()}"]`);
            await expect.poll(() => section.count(), { message: `section of ${op.operationId}`, timeout: 20_000 }).toBe(1);
            const sectionId = (await section.getAttribute("data-section-id"))!.replace(/^\//, "");
            const text = normalize(await section.innerText());
            // A deprecated operation's heading carries Redoc's "Deprecated" badge after the summary.
            const heading = normalize(await section.locator("h2").first().innerText());
            expect(heading).toBe(op.deprecated ? `${op.summary} Deprecated` : op.summary);
            expect(text).toContain(`${op.method} ${op.path}`);

            const items = await section.locator(".schema-property-item").evaluateAll((elements) =>
              elements.filter((e) => (e as HTMLElement).checkVisibility()).map((e) => ({ id: e.id, name: e.querySelector(".schema-name")?.textContent ?? "" })),
            );
            const shown = { parameters: new Set<string>(), body: new Set<string>(), response: new Set<string>() };
            for (const item of items) {
              const where = new URLSearchParams(item.id.slice(sectionId.length + 1));
              // Redoc names the locations in the plural ("headers", "cookies"); the spec in the singular.
              if (where.get("t") === "request" && where.get("in")) shown.parameters.add(`${where.get("in")!.replace(/s$/, "")}:${item.name}`);
              else if (where.get("t") === "request") shown.body.add(item.name);
              else if (where.get("t") === "response" && where.get("c") === op.successStatus) shown.response.add(item.name);
            }
            expect([...shown.parameters].sort(), `${op.operationId} parameters`).toEqual(op.parameters);
            expect([...shown.body].sort(), `${op.operationId} request body`).toEqual(op.requestBodyFields);
            expect([...shown.response].sort(), `${op.operationId} ${op.successStatus} response`).toEqual(op.responseFields);
          }

          // The page's own links: back to the index, and the spec downloads.
          for (const href of ["index.html", siteFiles(id).yaml, siteFiles(id).json]) {
            expect(await page.locator(`a[href="${href}"]`).count(), `link to ${href}`).toBeGreaterThan(0);
            expect((await page.request.get(`${server.origin}/${href}`)).status(), `GET ${href}`).toBe(200);
          }

          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({ path: path.join(artifactsDir, `${id}.png`), fullPage: true });
          expect(blocked).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      });
    });
  });
}
