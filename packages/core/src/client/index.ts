/**
 * Building blocks shared by the backup-links client packages: option handling, wiring of openapi-fetch to
 * `@backup-links/core`'s transport, error mapping, a redacting client face, and the Huawei-family operations.
 * Not a user API: import the client packages instead.
 */
export type { ClientOptions, HuaweiFamilyClientOptions, JdCloudClientOptions, CallOptions } from "./options.js";
export { requireQueryId, requirePathId } from "./ids.js";
export { resolveSettings, requireOptionsObject, type ClientSettings } from "./settings.js";
export { openClient, presentClient, defineClient, clientIdentity, type ClientIdentity, type OpenedClient, type FriendlyMethod } from "./open-client.js";
export { send, requireInput, requireCallOptions, type SendInit, type FetchResult, type Sent } from "./send.js";
export { requestIdOf } from "../errors.js";
export {
  createRdsClient,
  createDdsClient,
  createDcsClient,
  DEFAULT_DCS_EXPIRATION,
  type BackupLinksClient,
  type BackupFileLike,
  type FileExtras,
  type WithFileExtras,
  type WithLinkExpiry,
  type RdsPaths,
  type DdsPaths,
  type DcsPaths,
  type RdsInput,
  type DdsInput,
  type DcsInput,
  type RdsClient,
  type DdsClient,
  type DcsClient,
} from "./huawei-services.js";
