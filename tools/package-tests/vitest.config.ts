import { packageTestConfig } from "../../vitest.shared.ts";
// Packing runs once in globalSetup; the install + consumer test needs more than the default time.
export default packageTestConfig({ globalSetup: ["./test/global-setup.ts"], testTimeout: 180_000, hookTimeout: 180_000 });
