/**
 * Prints each client's browser bundle size: the client's factory plus what it pulls in (@backup-links/core,
 * openapi-fetch), bundled by esbuild with `--bundle --minify --format=esm --platform=browser`, then gzipped.
 * Run: `pnpm --filter @backup-links/package-tests size` (needs the packages built). The test
 * test/bundle-size.test.ts asserts the same numbers stay under the budget.
 */
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { CLIENT_PACKAGES } from "../src/published.ts";

/** The size we aim for, min+gzip. */
export const TARGET_BYTES = 10 * 1024;
/**
 * What the test enforces. Above the target because @backup-links/core alone weighs about 8 kB min+gzip in a
 * client bundle (its transport pulls in both signers, every region table and the error parsers) and openapi-fetch
 * 2.6 kB; the clients' own code is under 1 kB. Lower it to TARGET_BYTES when core gets there.
 */
export const BUDGET_BYTES = 12 * 1024;

export interface BundleSize {
  name: string;
  minifiedBytes: number;
  gzippedBytes: number;
}

/** Bundles `export { <factory> } from "<package>"` as a browser app would, resolving the built packages. */
export async function measureBundle(name: string, factory: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: `export { ${factory} } from "${name}";`, resolveDir: import.meta.dirname, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { name, minifiedBytes: code.byteLength, gzippedBytes: gzipSync(code, { level: 9 }).byteLength };
}

export async function measureAll(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const pkg of CLIENT_PACKAGES) sizes.push(await measureBundle(pkg.name, pkg.factory!));
  return sizes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = await measureAll();
  const width = Math.max(...sizes.map((s) => s.name.length));
  console.log(`${"package".padEnd(width)}  minified  min+gzip   (bytes; target ${TARGET_BYTES}, enforced ${BUDGET_BYTES})`);
  for (const s of sizes) {
    console.log(`${s.name.padEnd(width)}  ${String(s.minifiedBytes).padStart(8)}  ${String(s.gzippedBytes).padStart(8)}`);
  }
}
