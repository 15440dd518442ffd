/**
 * The official Huawei Cloud Node.js SDK (`@huaweicloud/huaweicloud-sdk-core`), called the way its generated service
 * clients call it. It is CommonJS, so it is loaded with `createRequire`.
 *
 * - Signer: `AKSKSigner.sign(request, credential)` (auth/AKSKSigner.js) signs EVERY header of `request.headers` plus
 *   `host` (from `request.endpoint`), hashes `JSON.stringify(request.data)` as the body, takes the query from
 *   `request.queryParams`, and creates `X-Sdk-Date` itself when the header is absent. It returns all headers with
 *   `Authorization` and mutates nothing but the order of array query values.
 * - Client: `ClientBuilder(...).withEndpoint(url).withCredential(BasicCredentials)` builds an `HcClient`;
 *   `hcClient.sendRequest(options)` is what every generated method (e.g. `RdsClient.showBackupDownloadLink` in
 *   huaweicloud-sdk-nodejs-v3 `services/rds/v3/RdsClient.ts`) ends with, after building `options`. The RDS, DDS
 *   and DCS service packages of the Node.js SDK are not published on npm (`npm view
 *   @huaweicloud/huaweicloud-sdk-rds` → 404), so the benchmark builds those options itself.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface HuaweiSignerRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  queryParams?: Record<string, string | string[]>;
  data?: unknown;
}

interface HuaweiCredential {
  getAk(): string;
  getSk(): string;
}

interface AkskSignerClass {
  sign(request: HuaweiSignerRequest, credential: HuaweiCredential): Record<string, string>;
}

interface BasicCredentialsInstance extends HuaweiCredential {
  withAk(ak: string): BasicCredentialsInstance;
  withSk(sk: string): BasicCredentialsInstance;
  withProjectId(projectId: string): BasicCredentialsInstance;
}

/** The options object a generated Node.js service method passes to `HcClient.sendRequest`. */
export interface HcRequestOptions {
  method: string;
  url: string;
  contentType?: string;
  queryParams: Record<string, string>;
  pathParams: Record<string, string>;
  headers: Record<string, string>;
  data?: unknown;
  responseHeaders?: string[];
}

export interface HcClient {
  sendRequest(options: HcRequestOptions): Promise<unknown>;
}

interface ClientBuilderInstance {
  withEndpoint(endpoint: string): ClientBuilderInstance;
  withCredential(credential: BasicCredentialsInstance): ClientBuilderInstance;
  build(): HcClient;
}

const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as {
  AKSKSigner: AkskSignerClass;
};

export function huaweiCredential(accessKey: string, secretKey: string, projectId?: string): BasicCredentialsInstance {
  const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core") as {
    BasicCredentials: new () => BasicCredentialsInstance;
  };
  const credential = new BasicCredentials().withAk(accessKey).withSk(secretKey);
  return projectId === undefined ? credential : credential.withProjectId(projectId);
}

/** `AKSKSigner.sign` as the SDK calls it inside `BaseCredentials.processAuthRequest`. */
export function officialHuaweiSign(request: HuaweiSignerRequest, credential: HuaweiCredential): Record<string, string> {
  return AKSKSigner.sign(request, credential);
}

/** An `HcClient` pointed at `endpoint` (e.g. a local server), as `RdsClient.newBuilder()...build()` would be. */
export function officialHuaweiClient(endpoint: string, credential: BasicCredentialsInstance): HcClient {
  const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder") as {
    ClientBuilder: new (init: (client: HcClient) => HcClient) => ClientBuilderInstance;
  };
  return new ClientBuilder((client) => client).withEndpoint(endpoint).withCredential(credential).build();
}

/**
 * The options the generated `RdsClient.showBackupDownloadLink({ backupId })` builds (ParamCreater in RdsClient.ts):
 * GET, JSON content type, `backup_id` in the query, `{project_id}` filled in from the credential by the core.
 */
export function showBackupDownloadLinkOptions(backupId: string): HcRequestOptions {
  return {
    method: "GET",
    url: "/v3/{project_id}/backup-files",
    contentType: "application/json",
    queryParams: { backup_id: backupId },
    pathParams: {},
    headers: {},
    responseHeaders: [""],
  };
}
