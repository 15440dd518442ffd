import { packageTestConfig } from "../../vitest.shared.ts";
// The Prism harness tests start real Prism processes (2-4 s each on an idle 2-core machine, more under load).
export default packageTestConfig({ testTimeout: 90_000, hookTimeout: 90_000 });
