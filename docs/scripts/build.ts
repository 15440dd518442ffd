/**
 * Builds the docs site into docs/dist: one Redoc page per API, the bundled specs next to them, and index.html.
 * `pnpm docs` (turbo) runs it; BACKUP_LINKS_DOCS_CONCURRENCY overrides how many pages render at once.
 */
import path from "node:path";
import { buildSite } from "../src/build-site.js";
import { docsRoot } from "../src/paths.js";

const concurrencyEnv = process.env.BACKUP_LINKS_DOCS_CONCURRENCY;
let concurrency: number | undefined;
if (concurrencyEnv !== undefined) {
  concurrency = Number(concurrencyEnv);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    console.error(`BACKUP_LINKS_DOCS_CONCURRENCY: must be an integer >= 1, got "${concurrencyEnv}"`);
    process.exit(2);
  }
}

try {
  const report = await buildSite({ log: (line) => console.log(line), ...(concurrency ? { concurrency } : {}) });
  const pagesMs = report.pages.reduce((sum, page) => sum + page.ms, 0);
  console.log(
    `Built ${report.pages.length} API pages and index.html into ${path.relative(docsRoot, report.outDir) || "."}/ ` +
      `in ${(report.totalMs / 1000).toFixed(1)} s (concurrency ${report.concurrency}; ${(pagesMs / 1000).toFixed(1)} s of Redocly time)` +
      (report.warnings.length ? `, ${report.warnings.length} warning(s)` : ""),
  );
} catch (error) {
  console.error(`docs build failed: ${(error as Error).message}`);
  process.exit(1);
}
