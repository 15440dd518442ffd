/**
 * The three Huawei-family clients (RDS, DDS, DCS), each written once for its two clouds: the download operation here,
 * the list operations from huawei-lists.ts. Open Telekom Cloud and Huawei Cloud serve the same paths with the same
 * parameters; their generated types differ only in extra fields. Each factory is generic over the package's generated `paths`, constrained by the minimal shape it calls,
 * so a spec change that breaks the call fails to compile in the package that uses it.
 */
import type { Client } from "openapi-fetch";
import { kilobytesToBytes, parseVendorTime } from "../time.js";
import { requireInteger } from "../validate.js";
import type { GetBody, JsonBody, SuccessBody } from "./bodies.js";
import {
  dcsListMethods,
  ddsListMethods,
  rdsListMethods,
  DCS_LIST_PATH,
  HUAWEI_LIST_PATH,
  type BackupListMethods,
  type DcsListAllInput,
  type DcsListInput,
  type DcsListPaths,
  type DdsListAllInput,
  type DdsListInput,
  type DdsListPaths,
  type RdsListAllInput,
  type RdsListInput,
  type RdsListPaths,
  type WithBackupExtras,
} from "./huawei-lists.js";
import { requirePathId, requireQueryId } from "./ids.js";
import { defineClient, type ClientIdentity } from "./open-client.js";
import type { CallOptions } from "./options.js";
import { requireInput, send } from "./send.js";

/** The file item of RDS and DDS: the fields the client reads (the vendors' own item may have more). */
export interface BackupFileLike {
  size?: number;
  link_expired_time?: string;
}

/** What the client adds to every RDS/DDS file item. */
export interface FileExtras {
  /** `link_expired_time` parsed leniently (`+0800`, `+08:00`, `Z`); `undefined` when it is missing or unparseable. */
  expiresAt: Date | undefined;
  /** `size` (kilobytes) times 1024; `undefined` when `size` is missing or not a number. */
  sizeBytes: number | undefined;
}

/** An RDS/DDS success body with every file extended and the gateway's request id. */
export type WithFileExtras<B> = B extends { files?: Array<infer F> }
  ? Omit<B, "files"> & {
      files: Array<F & FileExtras>;
      /** The `X-Request-Id` response header: quote it to the provider's support. */
      requestId: string | undefined;
    }
  : never;


/** A backup-links client: one friendly method and the typed openapi-fetch client underneath. */
export interface BackupLinksClient<Paths extends {}, Input, Result> {
  /** Gets the download links of one backup's files. Throws ValidationError (bad input, no request sent) or ApiError. */
  getBackupDownloadLinks(input: Input, options?: CallOptions): Promise<Result>;
  /** The typed openapi-fetch client (signed, with timeout and retries) for anything the friendly method does not cover. */
  readonly raw: Client<Paths>;
}

const RDS_PATH = "/v3/{project_id}/backup-files";
const DDS_PATH = "/v3/{project_id}/backups/download-file";
const DCS_PATH = "/v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links";

/** The RDS v3 operation as the client calls it. */
export interface RdsPaths {
  [RDS_PATH]: {
    get: {
      parameters: { query: { backup_id: string }; path: { project_id: string } };
      responses: { 200: JsonBody<{ files?: BackupFileLike[]; bucket?: string }> };
    };
  };
}
/** The DDS v3 operation as the client calls it. */
export interface DdsPaths {
  [DDS_PATH]: {
    get: {
      parameters: { query: { instance_id: string; backup_id: string }; path: { project_id: string } };
      responses: { 200: JsonBody<{ files?: BackupFileLike[]; bucket?: string }> };
    };
  };
}
/** The DCS v2 operation as the client calls it. */
export interface DcsPaths {
  [DCS_PATH]: {
    post: {
      parameters: { path: { project_id: string; instance_id: string; backup_id: string } };
      requestBody: { content: { "application/json;charset=UTF-8": { expiration: number } } };
      responses: { 200: JsonBody<{ file_path?: string; bucket_name?: string; links?: Array<{ file_name?: string; link?: string }> }> };
    };
  };
}

export interface RdsInput {
  /** The backup id (from the backup list). */
  backupId: string;
}
export interface DdsInput {
  /** The DB instance the backup belongs to. */
  instanceId: string;
  /** The backup id. */
  backupId: string;
}
export interface DcsInput {
  /** The DCS instance (Redis / Memcached) the backup belongs to. */
  instanceId: string;
  /** The backup id. */
  backupId: string;
  /** How long the links stay valid, in seconds: an integer from 300 to 86400. Default 1800 (the vendors' example). */
  expiration?: number;
}

/** A DCS success body with `links` always a list, the computed expiry and the gateway's request id. */
export type WithLinkExpiry<B> = Omit<B, "links"> & {
  /** The links; an empty list when the response has none (the SDK models `links` as optional). */
  links: NonNullable<B extends { links?: infer L } ? L : never>;
  /**
   * When the links expire: the moment the request was sent plus `expiration` (the API returns no expiry), so it is
   * never later than the real one.
   */
  expiresAt: Date;
  /** The lifetime that was requested, in seconds. */
  expiration: number;
  /** The `X-Request-Id` response header. */
  requestId: string | undefined;
};

/** A list page of RDS/DDS (`backups`) or DCS (`backup_record_response`), typed from the package's generated body. */
export type RdsListPage<P> = WithBackupExtras<GetBody<P, typeof HUAWEI_LIST_PATH>, "backups">;
export type DdsListPage<P> = WithBackupExtras<GetBody<P, typeof HUAWEI_LIST_PATH>, "backups">;
export type DcsListPage<P> = WithBackupExtras<GetBody<P, typeof DCS_LIST_PATH>, "backup_record_response">;

// The list methods are typed where the package's spec has the list operation (every current spec does).
export type RdsClient<P extends RdsPaths> = BackupLinksClient<P, RdsInput, WithFileExtras<SuccessBody<P, typeof RDS_PATH, "get">>> &
  (P extends RdsListPaths ? BackupListMethods<RdsListInput, RdsListAllInput, RdsListPage<P>> : unknown);
export type DdsClient<P extends DdsPaths> = BackupLinksClient<P, DdsInput, WithFileExtras<SuccessBody<P, typeof DDS_PATH, "get">>> &
  (P extends DdsListPaths ? BackupListMethods<DdsListInput, DdsListAllInput, DdsListPage<P>> : unknown);
export type DcsClient<P extends DcsPaths> = BackupLinksClient<P, DcsInput, WithLinkExpiry<SuccessBody<P, typeof DCS_PATH, "post">>> &
  (P extends DcsListPaths ? BackupListMethods<DcsListInput, DcsListAllInput, DcsListPage<P>> : unknown);

export const DEFAULT_DCS_EXPIRATION = 1800;

function withFileExtras<B extends { files?: BackupFileLike[] }>(body: B, requestId: string | undefined): WithFileExtras<B> {
  // The Go SDK models `files` as optional; a missing list means no files rather than a crash.
  const files = (body.files ?? []).map((file) => ({
    ...file,
    expiresAt: parseVendorTime(file.link_expired_time),
    sizeBytes: kilobytesToBytes(file.size),
  }));
  return { ...body, files, requestId } as unknown as WithFileExtras<B>;
}

/** RDS v3 `GET /v3/{project_id}/backup-files?backup_id=` (OTC and Huawei Cloud). */
export function createRdsClient<P extends RdsPaths>(identity: ClientIdentity, options: unknown): RdsClient<P> {
  return defineClient<P, RdsPaths, RdsClient<P>>(identity, options, (raw, projectId) => ({
    ...rdsListMethods(identity.api, raw as unknown as Client<RdsListPaths>, projectId as string),
    getBackupDownloadLinks: async (input, callOptions) => {
      const fields = requireInput(input, "{ backupId }");
      const backup_id = requireQueryId("backupId", fields.backupId);
      const project_id = projectId as string;
      const { data, requestId } = await send(
        (init) => raw.GET(RDS_PATH, { params: { path: { project_id }, query: { backup_id } }, ...init }),
        callOptions,
      );
      return withFileExtras(data, requestId);
    },
  }));
}

/** DDS v3 `GET /v3/{project_id}/backups/download-file?instance_id=&backup_id=` (OTC and Huawei Cloud). */
export function createDdsClient<P extends DdsPaths>(identity: ClientIdentity, options: unknown): DdsClient<P> {
  return defineClient<P, DdsPaths, DdsClient<P>>(identity, options, (raw, projectId) => ({
    ...ddsListMethods(identity.api, identity.profile.provider, raw as unknown as Client<DdsListPaths>, projectId as string),
    getBackupDownloadLinks: async (input, callOptions) => {
      const fields = requireInput(input, "{ instanceId, backupId }");
      const instance_id = requireQueryId("instanceId", fields.instanceId);
      const backup_id = requireQueryId("backupId", fields.backupId);
      const project_id = projectId as string;
      const { data, requestId } = await send(
        (init) => raw.GET(DDS_PATH, { params: { path: { project_id }, query: { instance_id, backup_id } }, ...init }),
        callOptions,
      );
      return withFileExtras(data, requestId);
    },
  }));
}

/** DCS v2 `POST /v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links` (Huawei Cloud and OTC). */
export function createDcsClient<P extends DcsPaths>(identity: ClientIdentity, options: unknown): DcsClient<P> {
  return defineClient<P, DcsPaths, DcsClient<P>>(identity, options, (raw, projectId) => ({
    ...dcsListMethods(identity.api, raw as unknown as Client<DcsListPaths>, projectId as string),
    getBackupDownloadLinks: async (input, callOptions) => {
      const fields = requireInput(input, "{ instanceId, backupId, expiration }");
      const instance_id = requirePathId("instanceId", fields.instanceId);
      const backup_id = requirePathId("backupId", fields.backupId);
      const expiration = requireInteger("expiration", fields.expiration ?? DEFAULT_DCS_EXPIRATION, 300, 86400);
      const project_id = projectId as string;
      const { data, requestId, startedAt } = await send(
        (init) =>
          raw.POST(DCS_PATH, {
            params: { path: { project_id, instance_id, backup_id } },
            body: { expiration },
            // What every Huawei SDK sends; the spec declares exactly this media type.
            headers: { "Content-Type": "application/json;charset=UTF-8" },
            ...init,
          }),
        callOptions,
      );
      return { ...data, links: data.links ?? [], expiresAt: new Date(startedAt.getTime() + expiration * 1000), expiration, requestId };
    },
  }));
}
