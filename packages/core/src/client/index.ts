/**
 * Building blocks shared by the backup-links client packages: option handling, wiring of openapi-fetch to
 * `@backup-links/core`'s transport, error mapping, a redacting client face, and the Huawei-family operations.
 * Not a user API: import the client packages instead.
 */
export type { ClientOptions, HuaweiFamilyClientOptions, JdCloudClientOptions, CallOptions } from "./options.js";
export { requireQueryId, requirePathId } from "./ids.js";
export { defineClient, clientIdentity, type ClientIdentity, type FriendlyMethod } from "./open-client.js";
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
  type RdsListPage,
  type DdsListPage,
  type DcsListPage,
} from "./huawei-services.js";
export {
  HUAWEI_LIST_PATH,
  DCS_LIST_PATH,
  type BackupItemExtras,
  type BackupListMethods,
  type WithBackupExtras,
  type RdsListPaths,
  type DdsListPaths,
  type DcsListPaths,
  type RdsListInput,
  type RdsListAllInput,
  type DdsListInput,
  type DdsListAllInput,
  type DcsListInput,
  type DcsListAllInput,
} from "./huawei-lists.js";
export {
  jdCloudListMethods,
  JDCLOUD_LIST_PATH,
  JDCLOUD_DEFAULT_PAGE_SIZE,
  type JdCloudListPaths,
  type JdCloudListInput,
  type JdCloudListAllInput,
  type JdCloudBackupPage,
} from "./jdcloud-list.js";
export { PagingError, MAX_PAGES, walkPages } from "./paging.js";
export { type FriendlyMethods } from "./open-client.js";
