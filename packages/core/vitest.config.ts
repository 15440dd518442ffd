import { packageTestConfig } from "../../vitest.shared.ts";

// The package's `imports` point at dist/; tests run the sources (what a Node runtime resolves, no "browser" condition).
const source = (file: string) => new URL(`./src/signers/${file}`, import.meta.url).pathname;
export default packageTestConfig({ alias: { "#digest": source("digest-runtime.ts"), "#fast-paths": source("fast-paths.ts") } });
