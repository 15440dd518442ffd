/**
 * @backup-links/mock: Prism mock servers of every backup-links API, from the bundled OpenAPI specs shipped in
 * this package. `startMocks()` for test suites, `backup-links-mock` on the command line.
 */
// Every API this package can mock, in the order `backup-links-mock` starts them (and assigns ports): core's list.
export { API_IDS, isApiId, type ApiId } from "@backup-links/core";
export { specPath } from "./apis.js";
export { startMock, startMocks, MockUsageError, type Mocks, type StartMocksOptions } from "./mocks.js";
export {
  startPrism,
  prismEntry,
  PrismStartError,
  type PrismServer,
  type PrismExit,
  type StartPrismOptions,
} from "./prism.js";
// The stateful mock cloud (APIs + object store) for end-to-end runs.
export {
  startMockCloud,
  DEFAULT_MOCK_ACCOUNT,
  DEFAULT_MOCK_TOKEN,
  type MockCloud,
  type MockCloudOptions,
  type MockAccount,
  type MockBackup,
  type MockInstance,
} from "./cloud/index.js";
