/**
 * @backup-links/jdcloud-rds: a typed, signed client for JD Cloud RDS v1 describeBackupDownloadURL (the download
 * link of a backup, or of one file of a SQL Server backup) and describeBackups (the backups of an instance:
 * `listBackups`, `listAllBackups`).
 */
import type { Client } from "openapi-fetch";
import { JDCLOUD_RDS, ValidationError, requireDigits, requireId } from "@backup-links/core";
import {
  clientIdentity,
  defineClient,
  jdCloudListMethods,
  requireInput,
  requirePathId,
  send,
  type BackupListMethods,
  type CallOptions,
  type JdCloudBackupPage,
  type JdCloudClientOptions,
  type JdCloudListAllInput,
  type JdCloudListInput,
  type JdCloudListPaths,
} from "@backup-links/core/client";
import type { components, operations, paths } from "./generated/schema.js";

export type { paths, components, operations } from "./generated/schema.js";
export type { CallOptions, BackupItemExtras, JdCloudListInput, JdCloudListAllInput, JdCloudBackupPage } from "@backup-links/core/client";
export { PagingError } from "@backup-links/core/client";
export { ApiError, BackupLinksError, CredentialsError, NetworkError, TimeoutError, ValidationError } from "@backup-links/core";

/** The path every current JD SDK calls (JD's Go SDK since October 2018). */
export const CURRENT_PATH = "/v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL";
/** The path of JD's older API document; whether the server still answers it is unknown. */
export const LEGACY_PATH = "/v1/regions/{regionId}/backups/{backupId}/downloadURLs";

/** The regions the spec lists (JD's docs and Terraform provider); the host is the same, the region is in the path. */
export type JdCloudRegion = operations["describeBackupDownloadURL"]["parameters"]["path"]["regionId"];

export interface JdCloudRdsClientOptions extends Omit<JdCloudClientOptions, "region"> {
  /** Region id (signed, and in the path). Required: JD Cloud has no region environment variable. */
  region?: JdCloudRegion;
  /** Call the older documented path `/downloadURLs` instead of `:describeBackupDownloadURL` (default false). */
  legacyPath?: boolean;
}

export interface JdCloudRdsCallOptions extends CallOptions {
  /** Overrides the client's `legacyPath` for this call. */
  legacyPath?: boolean;
}

export interface BackupDownloadUrlInput {
  /** The backup id. */
  backupId: string;
  /** SQL Server only, and required there: the file in the backup, e.g. `my_test_db.bak`. Not supported for MySQL. */
  fileName?: string;
  /**
   * How long the link stays valid, in seconds: 1 to 86400, as a number or a string of digits (it is sent as a
   * string, like every JD SDK does). Server default: 86400 for SQL Server, 300 for MySQL, Percona and MariaDB.
   */
  urlExpirationSecond?: number | string;
}

export interface BackupDownloadUrl {
  /** JD's request id (body `requestId`, else the `x-jdcloud-request-id` header). */
  requestId: string | undefined;
  /** Public network download link; an empty string while the backup cannot be downloaded yet. */
  publicURL: string;
  /** Intranet download link; an empty string while the backup cannot be downloaded yet. */
  internalURL: string;
  /** Whether any link is there: false while the backup cannot be downloaded yet (both URLs empty). */
  available: boolean;
}

/** One page of describeBackups: JD's `Backup` items (every field optional) plus `startedAt`, `finishedAt`, `sizeBytes`. */
export type BackupListPage = JdCloudBackupPage<components["schemas"]["Backup"]>;
/** A listed backup. */
export type BackupListItem = BackupListPage["backup"][number];

export interface JdCloudRdsClient extends BackupListMethods<JdCloudListInput, JdCloudListAllInput, BackupListPage> {
  /** Gets the download link(s) of a backup. Throws ValidationError (bad input, no request sent) or ApiError. */
  getBackupDownloadLinks(input: BackupDownloadUrlInput, options?: JdCloudRdsCallOptions): Promise<BackupDownloadUrl>;
  /** The typed openapi-fetch client (signed, with timeout and retries). */
  readonly raw: Client<paths>;
}

/**
 * A file of the backup (SQL Server), checked exactly as the spec's `fileName` pattern
 * `^[^\s/\\\x00-\x1f\x7f]([^/\\\x00-\x1f\x7f]*[^\s/\\\x00-\x1f\x7f])?$` (minLength 1): a name, not a path; no control
 * character anywhere; no whitespace at either end, while spaces inside are fine ("db with space.bak").
 */
function requireFileName(value: unknown): string {
  // A non-empty string without whitespace at either end: String#trim strips exactly what the pattern's \s matches.
  const name = requireId("fileName", value);
  if (/[/\\]/.test(name)) throw new ValidationError("fileName", 'must be a file name without "/" or "\\"');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(name)) throw new ValidationError("fileName", "must not contain a control character");
  return name;
}

function optionalBoolean(field: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") throw new ValidationError(field, "must be a boolean");
  return value;
}

/**
 * Creates the client. Credentials left out come from the environment (`JDCLOUD_ACCESS_KEY`, `JDCLOUD_SECRET_KEY`);
 * `region` is required (JD has no region variable). Bad options (an unknown region, a token instead of AK/SK)
 * throw ValidationError.
 *
 * @example
 * const rds = createJdCloudRdsClient({ region: "cn-north-1", credentials: { accessKey, secretKey } });
 * const { publicURL, available } = await rds.getBackupDownloadLinks({ backupId });
 */
export function createJdCloudRdsClient(options: JdCloudRdsClientOptions = {}): JdCloudRdsClient {
  const clientLegacy = optionalBoolean("legacyPath", (options as { legacyPath?: unknown } | undefined)?.legacyPath);
  const identity = clientIdentity(JDCLOUD_RDS, "0.1.0");
  return defineClient<paths, paths, JdCloudRdsClient>(identity, options, (raw, _projectId, region) => ({
    // core's transport accepted the region only if it is one of JD's (listRegions).
    ...jdCloudListMethods(identity.api, raw as unknown as Client<JdCloudListPaths>, region as string),
    getBackupDownloadLinks: async (input, callOptions) => {
      const fields = requireInput(input, "{ backupId }");
      // The backup id fills a path segment followed by ":describeBackupDownloadURL", so ":" is refused too.
      const backupId = requirePathId("backupId", fields.backupId, ":");
      const fileName = fields.fileName === undefined ? undefined : requireFileName(fields.fileName);
      const urlExpirationSecond =
        fields.urlExpirationSecond === undefined
          ? undefined
          : requireDigits("urlExpirationSecond", fields.urlExpirationSecond, 1, 86400);
      const legacy = optionalBoolean("options.legacyPath", (callOptions as JdCloudRdsCallOptions).legacyPath) ?? clientLegacy;
      const params = {
        // core's transport accepted the region only if it is one of JD's (listRegions).
        path: { regionId: region as JdCloudRegion, backupId },
        query: { ...(fileName === undefined ? {} : { fileName }), ...(urlExpirationSecond === undefined ? {} : { urlExpirationSecond }) },
      };
      const { data, requestId } = await send(
        (init) => (legacy ? raw.GET(LEGACY_PATH, { params, ...init }) : raw.GET(CURRENT_PATH, { params, ...init })),
        callOptions,
      );
      const publicURL = data.result?.publicURL ?? "";
      const internalURL = data.result?.internalURL ?? "";
      // requestId: core's rule, the same as for an ApiError (body `requestId`, else `x-jdcloud-request-id`).
      return { requestId, publicURL, internalURL, available: publicURL !== "" || internalURL !== "" };
    },
  }));
}
