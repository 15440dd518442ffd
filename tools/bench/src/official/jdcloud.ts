/**
 * The official JD Cloud Node.js SDK (`jdcloud-sdk-js`), loaded per service (`src/services/rds.js`, not the
 * all-services entry) with `createRequire` (it is CommonJS without types).
 *
 * - Signer: `new SignerV2(jcRequest, "rds").addAuthorization(credentials, date?)` (src/lib/signers/v2.js) sets
 *   `x-jdcloud-date`, a `uuid.v4()` `x-jdcloud-nonce` and `host`, then signs EVERY header except `authorization`
 *   and `user-agent` (a `JCRequest` always carries `accept` and `content-type`). The canonical URI is
 *   `jcRequest.path`, which the SDK has already escaped with `encodeURIComponent` per segment, so
 *   `:describeBackupDownloadURL` goes on the wire AND into the signature as `%3AdescribeBackupDownloadURL`.
 * - Logging: the SDK's default `config.logger` is `console.log` for every level, and the signer logs the canonical
 *   request, the string to sign and the Authorization header on every call. The benchmark replaces it with a no-op
 *   (the `JSON.stringify` of the logged arguments still runs: it is in the signer's code path).
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface JdCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

interface JdHeaders {
  set(name: string, value: string): void;
  get(name: string): string | null;
  forEach(fn: (value: string, key: string) => void): void;
}

export interface JcRequest {
  path: string;
  regionId: string;
  request: { url: string; method: string; headers: JdHeaders; body: unknown };
  search(): string;
}

interface SignerV2Instance {
  request: JcRequest;
  addAuthorization(credentials: JdCredentials, date?: Date): void;
  addHeaders(credentials: JdCredentials, datetime: string): void;
  canonicalString(): string;
}

type SignerV2Class = new (request: JcRequest, serviceName: string) => SignerV2Instance;

export interface JdRdsService {
  config: { credentials: JdCredentials; regionId: string };
  describeBackupDownloadURL(opts: { backupId: string; fileName?: string; urlExpirationSecond?: string }): Promise<unknown>;
}

interface JdCore {
  config: { logger: (message: string, level?: string) => void };
  JCRequest: new (
    service: JdRdsService,
    path: string,
    method: string,
    pathParams: Record<string, string>,
    queryParams: Record<string, string>,
    headerParams: Record<string, string>,
    formParams: Record<string, string>,
    postBody: unknown,
    contentTypes: string[],
    accepts: string[],
    returnType: unknown,
  ) => JcRequest;
}

const silentLogger = (): void => {};

interface JdSdk {
  RDS: new (options: Record<string, unknown>) => JdRdsService;
  core: JdCore;
  SignerV2: SignerV2Class;
}

let sdk: JdSdk | undefined;

/** Loaded once, on first use, so that importing this module costs nothing when the JD rows are not run. */
function loadSdk(): JdSdk {
  if (sdk !== undefined) return sdk;
  const RDS = require("jdcloud-sdk-js/src/services/rds.js") as new (options: Record<string, unknown>) => JdRdsService;
  const core = require("jdcloud-sdk-js/src/lib/core.js") as JdCore;
  const SignerV2 = require("jdcloud-sdk-js/src/lib/signers/v2.js") as SignerV2Class;
  core.config.logger = silentLogger;
  sdk = { RDS, core, SignerV2 };
  return sdk;
}

export interface JdEndpoint {
  host: string;
  protocol: "http" | "https";
}

/** The SDK's RDS service client, pointed at `endpoint` through its documented `endpoint` option. */
export function officialJdRdsService(credentials: JdCredentials, regionId: string, endpoint: JdEndpoint): JdRdsService {
  const { RDS } = loadSdk();
  return new RDS({ credentials, regionId, endpoint, logger: silentLogger });
}

export interface JdRequestSpec {
  /** Path template below the service's `/v1` base path, e.g. `/regions/{regionId}/backups/{backupId}:describe...`. */
  path: string;
  method: "GET" | "POST";
  pathParams: Record<string, string>;
  queryParams: Record<string, string>;
  postBody?: unknown;
}

/** A `JCRequest` exactly as the generated service method would build it (User-Agent header, JSON content type). */
export function officialJdRequest(service: JdRdsService, spec: JdRequestSpec): JcRequest {
  const { core } = loadSdk();
  return new core.JCRequest(
    service,
    spec.path,
    spec.method,
    { ...spec.pathParams },
    { ...spec.queryParams },
    { "User-Agent": "JdcloudSdkNode/1.0.0  rds/1.1.6" },
    {},
    spec.postBody ?? null,
    ["application/json"],
    ["application/json"],
    null,
  );
}

/** Signs `request` in place the way `Service.makeRequest` does (fresh uuid nonce, `date` or now). */
export function officialJdSign(request: JcRequest, credentials: JdCredentials, date?: Date): string {
  const { SignerV2 } = loadSdk();
  new SignerV2(request, "rds").addAuthorization(credentials, date);
  return request.request.headers.get("authorization") ?? "";
}

/** As `officialJdSign` with a fixed nonce, for comparing signatures (the SDK has no nonce option). */
export function officialJdSignWithNonce(request: JcRequest, credentials: JdCredentials, date: Date, nonce: string): string {
  const { SignerV2 } = loadSdk();
  class FixedNonceSigner extends SignerV2 {
    override addHeaders(creds: JdCredentials, datetime: string): void {
      super.addHeaders(creds, datetime);
      this.request.request.headers.set("x-jdcloud-nonce", nonce);
    }
  }
  new FixedNonceSigner(request, "rds").addAuthorization(credentials, date);
  return request.request.headers.get("authorization") ?? "";
}

/** The headers of a signed `JCRequest` as plain pairs (lower-case names). */
export function jdRequestHeaders(request: JcRequest): Record<string, string> {
  const out: Record<string, string> = {};
  request.request.headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}
