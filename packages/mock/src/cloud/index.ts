/**
 * The mock cloud: a stateful stand-in for every backup-links API and the object store behind their links, for
 * end-to-end runs (`backup-links-mock --cloud`, or `startMockCloud()` in a test).
 */
export {
  startMockCloud,
  DEFAULT_MOCK_ACCOUNT,
  DEFAULT_MOCK_TOKEN,
  type MockCloud,
  type MockCloudOptions,
  type LoggedRequest,
} from "./server.js";
export type { MockAccount } from "./auth.js";
export type {
  AddBackupInput,
  CloudState,
  InstanceRole,
  MockBackup,
  MockBackupKind,
  MockBackupStatus,
  MockFile,
  MockInstance,
} from "./state.js";
export { parseRange } from "./object-store.js";
