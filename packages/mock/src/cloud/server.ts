import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { API_IDS, isApiId, type ApiId } from "@backup-links/core";
import { handleApi, type ApiReply } from "./apis.js";
import { checkJdCloud2, checkSdkHmac, type MockAccount } from "./auth.js";
import { ObjectContent } from "./content.js";
import { ObjectStore } from "./object-store.js";
import {
  addBackup,
  createState,
  expireBackups,
  loadState,
  saveState,
  type AddBackupInput,
  type CloudState,
  type InstanceRole,
  type MockBackup,
  type MockBackupStatus,
  type MockInstance,
} from "./state.js";

/** The account every mock cloud accepts unless told otherwise. Not a secret: it only opens this mock. */
export const DEFAULT_MOCK_ACCOUNT: MockAccount = Object.freeze({
  accessKey: "MOCKACCESSKEY0000001",
  secretKey: "mock-secret-key-not-a-real-one",
});
export const DEFAULT_MOCK_TOKEN = "mock-iam-token";

export interface MockCloudOptions {
  /** Default 0: a free port. */
  port?: number | undefined;
  /** Default 127.0.0.1. */
  host?: string | undefined;
  /** Everything (ids, names, sizes, file bytes) derives from it. Default "backup-links". */
  seed?: string | undefined;
  /** Base size of each generated file in bytes (each adds up to 4 KiB). Default 64 KiB. */
  fileSize?: number | undefined;
  /** Keep the state in this JSON file: loaded when it exists, written after every change. */
  stateFile?: string | undefined;
  /** Backup times are relative to this. Default: now. */
  anchor?: Date | undefined;
  /** Accounts whose signatures are accepted. Default [DEFAULT_MOCK_ACCOUNT]. */
  accounts?: readonly MockAccount[] | undefined;
  /** IAM tokens accepted (Huawei Cloud, OTC). Default [DEFAULT_MOCK_TOKEN]. */
  tokens?: readonly string[] | undefined;
  /** The server's clock (signature dates, link expiry). Default Date.now. */
  now?: (() => number) | undefined;
  /** Caps every download at this many bytes per second (default: as fast as it goes). */
  bytesPerSecond?: number | undefined;
}

/** One request the cloud answered, for tests (path without query: links never appear here). */
export interface LoggedRequest {
  target: ApiId | "object-store" | "admin";
  method: string;
  path: string;
  status: number;
  /** The Range header of an object-store request, if any. */
  range?: string | undefined;
}

export interface MockCloud {
  /** The server's origin, e.g. `http://127.0.0.1:43117`. */
  readonly url: string;
  /** Each API's base URL (`<url>/<api id>`): a client's `baseUrl`, the CLI's `--endpoint`. */
  readonly urls: Readonly<Record<ApiId, string>>;
  /** Huawei Cloud / OTC project id of every instance. */
  readonly projectId: string;
  readonly accounts: readonly MockAccount[];
  /** The live state (read it; change it through the methods below). */
  readonly state: CloudState;
  readonly requests: LoggedRequest[];
  /** An API's instance by role: `main` (mixed backups), `failedOnly`, `empty`. */
  instance(api: ApiId, role?: InstanceRole): MockInstance;
  /** Adds a backup (default: a completed automated full backup of the main instance that started 3 minutes ago). */
  addBackup(input: AddBackupInput): MockBackup;
  /** Expires completed backups that started before `before`: they leave the lists (DCS shows them as `expired`). */
  expireBackups(filter: { api?: ApiId; instanceId?: string; before: Date }): string[];
  /** Sets a backup's state (a running backup finishing, a completed one failing). */
  setStatus(api: ApiId, backupId: string, status: MockBackupStatus): void;
  /** Expires every download link issued so far (the next request with one gets 403 "Request has expired"). */
  revokeLinks(): void;
  /** The exact bytes of a backup file (what a correct copy contains), and its digests. */
  fileContent(api: ApiId, backupId: string, fileName: string): { size: number; bytes(): Buffer; sha256(): string; md5(): string };
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Starts the stateful mock cloud: every API's list and download-link operations under `/<api id>`, checked with
 * the independent signature verifiers; the object store its links point to under `/obs` and `/oss`; and
 * `/_admin/...` to change the world while it runs. See the package README.
 */
export async function startMockCloud(options: MockCloudOptions = {}): Promise<MockCloud> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? "backup-links";
  const fileSize = options.fileSize ?? 64 * 1024;
  if (!Number.isInteger(fileSize) || fileSize < 0) throw new RangeError(`fileSize must be a whole number of bytes >= 0, got ${fileSize}`);
  const stateFile = options.stateFile;
  const state: CloudState =
    stateFile !== undefined && existsSync(stateFile) ? loadState(stateFile) : createState({ seed, fileSize, anchor: options.anchor ?? new Date(now()) });
  const persist = (): void => {
    if (stateFile !== undefined) saveState(stateFile, state);
  };
  persist();
  const accounts = options.accounts ?? [DEFAULT_MOCK_ACCOUNT];
  const auth = { accounts, tokens: options.tokens ?? [DEFAULT_MOCK_TOKEN], now };
  const requests: LoggedRequest[] = [];
  let origin = "";

  const objects = new Map<string, { key: string; size: number; lastModified: Date; backup: MockBackup }>();
  const indexObjects = (): void => {
    objects.clear();
    for (const instance of state.instances) {
      for (const backup of instance.backups) for (const file of backup.files) {
        objects.set(file.key, { key: file.key, size: file.size, lastModified: new Date(backup.finishedAt ?? backup.startedAt), backup });
      }
    }
  };
  indexObjects();
  const store = new ObjectStore({
    seed: state.seed,
    now,
    bytesPerSecond: options.bytesPerSecond,
    // An expired backup's files are deleted from the bucket.
    lookup: (key) => {
      const object = objects.get(key);
      return object === undefined || object.backup.status === "expired" ? undefined : object;
    },
  });

  const findBackup = (api: ApiId, backupId: string): MockBackup => {
    for (const instance of state.instances) {
      const backup = instance.api === api ? instance.backups.find((candidate) => candidate.id === backupId) : undefined;
      if (backup !== undefined) return backup;
    }
    throw new Error(`no ${api} backup ${backupId}`);
  };

  const cloud: MockCloud = {
    get url() {
      return origin;
    },
    get urls() {
      return Object.fromEntries(API_IDS.map((api) => [api, `${origin}/${api}`])) as Record<ApiId, string>;
    },
    projectId: state.projectId,
    accounts,
    state,
    requests,
    instance(api, role = "main") {
      const found = state.instances.find((instance) => instance.api === api && instance.role === role);
      if (found === undefined) throw new Error(`no ${api} instance with role ${role}`);
      return found;
    },
    addBackup(input) {
      const backup = addBackup(state, input, now());
      indexObjects();
      persist();
      return backup;
    },
    expireBackups(filter) {
      const expired = expireBackups(state, filter);
      persist();
      return expired;
    },
    setStatus(api, backupId, status) {
      const backup = findBackup(api, backupId);
      backup.status = status;
      if (status !== "running") backup.finishedAt ??= new Date(now()).toISOString();
      persist();
    },
    revokeLinks() {
      store.revokeLinks();
    },
    fileContent(api, backupId, fileName) {
      const file = findBackup(api, backupId).files.find((candidate) => candidate.name === fileName);
      if (file === undefined) throw new Error(`${api} backup ${backupId} has no file ${fileName}`);
      const content = new ObjectContent(state.seed, file.key, file.size);
      return {
        size: file.size,
        bytes: () => (file.size === 0 ? Buffer.alloc(0) : content.slice(0, file.size - 1)),
        sha256: () => content.sha256(),
        md5: () => content.md5(),
      };
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", origin);
    const [first = ""] = url.pathname.split("/").slice(1);
    const log = (target: LoggedRequest["target"]): void => {
      const range = request.headers.range;
      response.on("close", () =>
        requests.push({ target, method: request.method ?? "", path: url.pathname, status: response.statusCode, ...(range === undefined ? {} : { range }) }),
      );
    };
    if (first === "obs" || first === "oss") {
      log("object-store");
      if (request.method !== "GET" && request.method !== "HEAD") return sendJson(response, { status: 405, body: { error: "method not allowed" } });
      return store.handle(first, request, response, url);
    }
    readBody(request)
      .then((body) => {
        if (first === "_admin") {
          log("admin");
          return sendJson(response, admin(cloud, request.method ?? "GET", url.pathname.slice("/_admin".length), body));
        }
        if (!isApiId(first)) return sendJson(response, { status: 404, body: { error: `no API at /${first}; one of ${API_IDS.join(", ")}` } });
        log(first);
        return sendJson(response, serveApi(first, request, url, body));
      })
      .catch((error: Error) => sendJson(response, { status: 400, body: { error: error.message } }));
  });

  const serveApi = (api: ApiId, request: IncomingMessage, url: URL, body: string): ApiReply => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    const wire = { method: request.method ?? "GET", url: `http://${request.headers.host ?? ""}${request.url ?? "/"}`, headers, body };
    const segments = url.pathname.split("/").slice(2).map((segment) => decodeURIComponent(segment));
    const region = segments[2] ?? "";
    const failure = api === "jdcloud-rds" ? checkJdCloud2(wire, region, auth) : checkSdkHmac(wire, auth);
    if (failure !== undefined) {
      return api === "jdcloud-rds"
        ? { status: failure.status, body: { requestId: "mock", error: { code: failure.status, status: failure.code, message: failure.message } } }
        : { status: failure.status, body: { error_code: failure.code, error_msg: failure.message } };
    }
    const reply = handleApi(
      { api, method: wire.method, segments, query: url.searchParams, body },
      { state, now, presign: (flavour, key, seconds) => store.presign(origin, flavour, key, seconds) },
    );
    return reply ?? { status: 404, body: { error_code: "APIGW.0101", error_msg: `The API does not exist: ${wire.method} ${url.pathname}` } };
  };

  const port = options.port ?? 0;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  return cloud;
}

/**
 * `/_admin/...` (unauthenticated, for the machine running the mock): `GET /state`; `POST /backups` with
 * `{api, instanceId?, kind?, status?, startedAt?}`; `POST /expire` with `{api?, instanceId?, before}`;
 * `POST /revoke-links`; `POST /status` with `{api, backupId, status}`.
 */
function admin(cloud: MockCloud, method: string, path: string, body: string): ApiReply {
  let input: Record<string, unknown> = {};
  try {
    input = body.trim() === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
  } catch {
    return { status: 400, body: { error: "the body must be JSON" } };
  }
  const api = typeof input.api === "string" && isApiId(input.api) ? input.api : undefined;
  const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
  const kind = text(input.kind);
  const status = text(input.status);
  if (kind !== undefined && !["auto", "manual", "incremental"].includes(kind)) return { status: 400, body: { error: "kind must be auto, manual or incremental" } };
  if (status !== undefined && !["completed", "running", "failed", "expired"].includes(status)) {
    return { status: 400, body: { error: "status must be completed, running, failed or expired" } };
  }
  try {
    if (method === "GET" && path === "/state") return { status: 200, body: cloud.state };
    if (method === "POST" && path === "/backups") {
      if (api === undefined) return { status: 400, body: { error: `api must be one of ${API_IDS.join(", ")}` } };
      const startedAt = text(input.startedAt);
      const backup = cloud.addBackup({
        api,
        instanceId: text(input.instanceId),
        kind: kind as AddBackupInput["kind"],
        status: status as AddBackupInput["status"],
        startedAt: startedAt === undefined ? undefined : new Date(startedAt),
      });
      return { status: 201, body: backup };
    }
    if (method === "POST" && path === "/expire") {
      const before = new Date(text(input.before) ?? Number.NaN);
      if (Number.isNaN(before.getTime())) return { status: 400, body: { error: "before must be a date" } };
      const expired = cloud.expireBackups({ ...(api === undefined ? {} : { api }), ...(text(input.instanceId) ? { instanceId: text(input.instanceId)! } : {}), before });
      return { status: 200, body: { expired } };
    }
    if (method === "POST" && path === "/status") {
      if (api === undefined) return { status: 400, body: { error: `api must be one of ${API_IDS.join(", ")}` } };
      if (status === undefined) return { status: 400, body: { error: "status is required" } };
      cloud.setStatus(api, text(input.backupId) ?? "", status as MockBackupStatus);
      return { status: 204 };
    }
    if (method === "POST" && path === "/revoke-links") {
      cloud.revokeLinks();
      return { status: 204 };
    }
  } catch (error) {
    return { status: 400, body: { error: (error as Error).message } };
  }
  return { status: 404, body: { error: `no admin operation ${method} /_admin${path}` } };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, reply: ApiReply): void {
  if (reply.body === undefined) {
    response.writeHead(reply.status);
    response.end();
    return;
  }
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}
