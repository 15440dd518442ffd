import type { BrowserContext, Page } from "playwright-core";

/** What one page did that it should not: requests outside its origin (blocked) and console errors. */
export interface PageWatch {
  page: Page;
  blocked: string[];
  errors: string[];
}

const LOCAL_SCHEMES = ["data:", "blob:", "about:"];

/**
 * Opens a page in `context` with every request outside `origin` aborted and recorded, and every console error
 * and uncaught page error recorded. The route is set on the context, so it also covers workers and popups.
 */
export async function watchedPage(context: BrowserContext, origin: string): Promise<PageWatch> {
  const blocked: string[] = [];
  const errors: string[] = [];
  const isLocal = (url: string): boolean => url.startsWith(`${origin}/`) || LOCAL_SCHEMES.some((s) => url.startsWith(s));
  // Both the route and the request event record (whichever sees a request first), each URL once.
  const record = (url: string): void => {
    if (!blocked.includes(url)) blocked.push(url);
  };
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    record(url);
    return route.abort("blockedbyclient");
  });
  context.on("request", (request) => {
    if (!isLocal(request.url())) record(request.url());
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return { page, blocked, errors };
}

/**
 * Scrolls a page to the bottom a screen at a time, so everything Redoc mounts lazily (it renders sections as they
 * come near the viewport) is mounted, then back to the top.
 */
export async function scrollThrough(page: Page): Promise<void> {
  for (let step = 0; step < 200; step++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(100);
    if (atBottom) break;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * Makes the viewport as tall as the page (up to `maxHeight`), so nothing is off screen: Chromium skips painting (and `innerText`)
 * of off-screen `content-visibility: auto` parts, which Redoc uses. Returns the page height.
 */
export async function showWholePage(page: Page, width: number, maxHeight = 16_000): Promise<number> {
  // Redoc mounts more as more comes into view, so the page grows after each resize: resize until it stops growing.
  let height = 0;
  for (let round = 0; round < 6; round++) {
    const next = await page.evaluate(() => document.documentElement.scrollHeight);
    if (next === height || height >= maxHeight) break;
    height = next;
    await page.setViewportSize({ width, height: Math.min(height, maxHeight) });
    await page.waitForTimeout(300);
  }
  return height;
}
