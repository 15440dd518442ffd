/**
 * @backup-links/mock: Prism mock servers of every backup-links API, from the bundled OpenAPI specs shipped in
 * this package. `startMocks()` for test suites, `backup-links-mock` on the command line.
 */
export { API_IDS, isApiId, specPath, type ApiId } from "./apis.js";
export { startMock, startMocks, MockUsageError, type Mocks, type StartMocksOptions } from "./mocks.js";
export {
  startPrism,
  prismEntry,
  PrismStartError,
  type PrismServer,
  type PrismExit,
  type StartPrismOptions,
} from "./prism.js";
