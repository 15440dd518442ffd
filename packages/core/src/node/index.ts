/**
 * `@backup-links/core/node`: the vendors' configuration files and the IAM password login, for Node programs (the
 * `backup-links` CLI). Nothing here is reachable from the main entry or the client kit, so client bundles stay small.
 */
export {
  loadConfig,
  describeSources,
  missingCredentialsError,
  type LoadConfigOptions,
  type LoadedConfig,
  type Setting,
} from "./config.js";
export { parseIni, type IniSections } from "./ini.js";
export {
  createIamTokenSource,
  iamPasswordRequestBody,
  iamTokensUrl,
  type IamPasswordAuth,
  type IamTokenSourceOptions,
  type IamToken,
} from "../auth/iam-token.js";
