import { packageTestConfig } from "../../vitest.shared.ts";
// One file per client, each starting one Prism in beforeAll (2-4 s on an idle 2-core machine, more under load);
// at most two files, so two Prism processes, run at once.
export default packageTestConfig({ testTimeout: 60_000, hookTimeout: 120_000, maxWorkers: 2 });
