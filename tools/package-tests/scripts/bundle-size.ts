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

/**
 * What every client's browser bundle must stay under, min+gzip, in bytes: 10,000, the bench target
 * (tools/bench/src/targets.ts `bundleSize`), with both operations (download links, and the list of backups with
 * paging); 11,000 while the list operations were new (issue 12). A client bundles its own API profile of
 * @backup-links/core (one signer, one region table, one provider's environment names), the client kit and
 * openapi-fetch (about 2.3 kB of it).
 */
export const BUDGET_BYTES = 10_000;

export interface BundleSize {
  name: string;
  minifiedBytes: number;
  gzippedBytes: number;
  /** The minified bundle, for tests that check what is (not) in it. */
  code: string;
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
    // As an app bundles the installed packages: no workspace tsconfig.json (core's `paths` point its `#digest` and
    // `#fast-paths` imports at the Node sources, for its own typecheck), so the package `imports` "browser" condition decides.
    tsconfigRaw: {},
  });
  const code = result.outputFiles[0]!.contents;
  return {
    name,
    minifiedBytes: code.byteLength,
    gzippedBytes: gzipSync(code, { level: 9 }).byteLength,
    code: new TextDecoder().decode(code),
  };
}

export async function measureAll(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const pkg of CLIENT_PACKAGES) sizes.push(await measureBundle(pkg.name, pkg.factory!));
  return sizes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = await measureAll();
  const width = Math.max(...sizes.map((s) => s.name.length));
  console.log(`${"package".padEnd(width)}  minified  min+gzip   (bytes; budget: min+gzip under ${BUDGET_BYTES})`);
  for (const s of sizes) {
    console.log(`${s.name.padEnd(width)}  ${String(s.minifiedBytes).padStart(8)}  ${String(s.gzippedBytes).padStart(8)}`);
  }
}
