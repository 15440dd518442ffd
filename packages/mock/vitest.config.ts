import { packageTestConfig } from "../../vitest.shared.ts";
// Each test starts Prism processes (2-4 s each on an idle 2-core machine, several times that under load).
export default packageTestConfig({ testTimeout: 90_000, hookTimeout: 90_000 });
