import { listRegions, type ApiId, type Provider, type Service } from "@backup-links/core";

/** An accepted range for `expiration` (seconds), and what is sent when it is not given. */
export interface ExpirationRule {
  min: number;
  max: number;
  /** Sent when the caller gives none; undefined: the parameter is left out and the server decides. */
  default: number | undefined;
}

/** What one API needs from the caller, which the CLI turns into its flags and `apis` listing. */
export interface ApiDescription {
  id: ApiId;
  provider: Provider;
  service: Service;
  /** "Open Telekom Cloud RDS v3" */
  title: string;
  /** The operation on the wire, for the `apis` listing. */
  operation: string;
  /** The list operation (`backups`, `--latest`) on the wire. */
  listOperation: string;
  /** The URL needs a project id (Huawei Cloud and OTC). */
  projectId: boolean;
  /** The request needs an instance id (DDS, DCS). */
  instanceId: boolean;
  /** The request can say how long the links live. */
  expiration: ExpirationRule | undefined;
  /** The request can name the file (JD Cloud, SQL Server). */
  fileName: boolean;
  /** The region is part of the request itself (JD Cloud: path and signature), so it is needed even with an endpoint. */
  regionInRequest: boolean;
  /** Something the user should know about the links. */
  note: string | undefined;
}

export const OTC_DDS_NOTE = "Open Telekom Cloud DDS links are valid for 15 minutes after they were last refreshed.";

const HUAWEI_FAMILY = { projectId: true, fileName: false, regionInRequest: false } as const;

export const APIS: Readonly<Record<ApiId, ApiDescription>> = {
  "otc-rds": {
    id: "otc-rds",
    provider: "otc",
    service: "rds",
    title: "Open Telekom Cloud RDS v3",
    operation: "GET /v3/{project_id}/backup-files",
    listOperation: "GET /v3/{project_id}/backups?instance_id=",
    ...HUAWEI_FAMILY,
    instanceId: false,
    expiration: undefined,
    note: undefined,
  },
  "huaweicloud-rds": {
    id: "huaweicloud-rds",
    provider: "huaweicloud",
    service: "rds",
    title: "Huawei Cloud RDS v3",
    operation: "GET /v3/{project_id}/backup-files",
    listOperation: "GET /v3/{project_id}/backups?instance_id=",
    ...HUAWEI_FAMILY,
    instanceId: false,
    expiration: undefined,
    note: undefined,
  },
  "otc-dds": {
    id: "otc-dds",
    provider: "otc",
    service: "dds",
    title: "Open Telekom Cloud DDS v3",
    operation: "GET /v3/{project_id}/backups/download-file",
    listOperation: "GET /v3/{project_id}/backups?instance_id=",
    ...HUAWEI_FAMILY,
    instanceId: true,
    expiration: undefined,
    note: OTC_DDS_NOTE,
  },
  "huaweicloud-dds": {
    id: "huaweicloud-dds",
    provider: "huaweicloud",
    service: "dds",
    title: "Huawei Cloud DDS v3",
    operation: "GET /v3/{project_id}/backups/download-file",
    listOperation: "GET /v3/{project_id}/backups?instance_id=",
    ...HUAWEI_FAMILY,
    instanceId: true,
    expiration: undefined,
    note: undefined,
  },
  "huaweicloud-dcs": {
    id: "huaweicloud-dcs",
    provider: "huaweicloud",
    service: "dcs",
    title: "Huawei Cloud DCS v2",
    operation: "POST /v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links",
    listOperation: "GET /v2/{project_id}/instances/{instance_id}/backups",
    ...HUAWEI_FAMILY,
    instanceId: true,
    expiration: { min: 300, max: 86_400, default: 1_800 },
    note: undefined,
  },
  "otc-dcs": {
    id: "otc-dcs",
    provider: "otc",
    service: "dcs",
    title: "Open Telekom Cloud DCS v2",
    operation: "POST /v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links",
    listOperation: "GET /v2/{project_id}/instances/{instance_id}/backups",
    ...HUAWEI_FAMILY,
    instanceId: true,
    expiration: { min: 300, max: 86_400, default: 1_800 },
    note: undefined,
  },
  "jdcloud-rds": {
    id: "jdcloud-rds",
    provider: "jdcloud",
    service: "rds",
    title: "JD Cloud RDS v1",
    operation: "GET /v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL",
    listOperation: "GET /v1/regions/{regionId}/backups?instanceId=",
    projectId: false,
    instanceId: false,
    expiration: { min: 1, max: 86_400, default: undefined },
    fileName: true,
    regionInRequest: true,
    note: undefined,
  },
};

/** The known regions of an API (from core's endpoint table). */
export function regionsOf(api: ApiId): readonly string[] {
  const { provider, service } = APIS[api];
  return listRegions(provider, service);
}
