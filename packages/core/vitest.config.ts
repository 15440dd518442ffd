import { packageTestConfig } from "../../vitest.shared.ts";

// The package's `imports` point at dist/; tests run the sources (what a Node runtime resolves, no "browser" condition).
const source = (file: string) => new URL(`./src/${file}`, import.meta.url).pathname;
export default packageTestConfig({
  alias: { "#digest": source("signers/digest-runtime.ts"), "#fast-paths": source("signers/fast-paths.ts"), "#runtime": source("runtime.ts") },
});
