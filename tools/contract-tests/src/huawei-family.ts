/**
 * Contract definitions of the Huawei-family clients (Open Telekom Cloud and Huawei Cloud: RDS v3, DDS v3, DCS v2).
 * Both clouds serve the same paths with the same parameters, so one definition per service takes the client
 * factory and the API id.
 */
import { kilobytesToBytes, parseLinkExpiredTime } from "@backup-links/core";
import type { ApiId } from "@backup-links/testkit/prism";
import type { Exchange } from "@backup-links/testkit/prism-exchange";
import {
  satisfies,
  type AuthMode,
  type ClientContext,
  type ClientUnderTest,
  type ContractDefinition,
  type EdgeInput,
  type ExpectedApiError,
  type InvalidRequest,
  type RequestVariant,
} from "./contract.js";
import type { DocumentedExample } from "./spec-examples.js";

export const PROJECT_ID = "0a1b2c3d4e5f40718293a4b5c6d7e8f9";
export const BACKUP_ID = "2f4ddb93b9014b0893d81d2e472f30febr01";
export const INSTANCE_ID = "befb1cfe1f96403780396b0c54f85d11in02";
export const DCS_INSTANCE_ID = "42489641-23c4-4855-bc89-befc85e2b7f7";
export const DCS_BACKUP_ID = "ddfe5f66-a965-43ff-aec7-f3b489dc071b";
/** Fake credentials: Prism checks that the header is there, not what it says. */
export const CREDENTIALS: Record<AuthMode, Record<string, string>> = {
  aksk: { accessKey: "AKCONTRACTTEST000001", secretKey: "SKcontractTestNotASecret0123456789abcdef" },
  "aksk+securityToken": {
    accessKey: "AKCONTRACTTEST000002",
    secretKey: "SKcontractTestNotASecret0123456789abcdef",
    securityToken: "STcontractTestTemporaryToken",
  },
  token: { token: "MIIcontractTestToken" },
};
export const AUTH_MODES: AuthMode[] = ["aksk", "aksk+securityToken", "token"];
const TOKEN_HEADER = { "X-Auth-Token": "MIIcontractTestToken" };

type Factory = (options: Record<string, unknown>) => ClientUnderTest;

/** The options every Huawei-family client gets against the mock: no environment, no retries. */
function clientFactory(create: Factory) {
  return (context: ClientContext, extra: Record<string, unknown> = {}): ClientUnderTest =>
    create({
      baseUrl: context.baseUrl,
      projectId: PROJECT_ID,
      credentials: CREDENTIALS[context.auth],
      fetch: context.fetch,
      retry: false,
      env: {},
      ...extra,
    });
}

/**
 * The ApiError fields for a Huawei-family error body (see `@backup-links/core` API.md, "Error bodies -> ApiError
 * fields"): `{error_code, error_msg, error_ext_msg}` or the gateway's `{error: {code, message}}`; the request id
 * from the body's `request_id`, else the `X-Request-Id` header.
 */
export function huaweiError(example: DocumentedExample, _exchange: Exchange): ExpectedApiError {
  const body = example.value as {
    error_code?: string;
    error_msg?: string;
    error_ext_msg?: string | null;
    request_id?: string;
    error?: { code?: string; message?: string };
  };
  const nested = body.error !== undefined && typeof body.error === "object";
  return {
    status: example.status,
    errorCode: nested ? body.error?.code : body.error_code,
    errorMessage: nested ? body.error?.message : body.error_msg,
    errorDetail: typeof body.error_ext_msg === "string" ? body.error_ext_msg : undefined,
    requestId: body.request_id ?? example.headers["x-request-id"],
  };
}

/** RDS and DDS: the body with every file extended by `expiresAt` and `sizeBytes`, plus the `X-Request-Id`. */
function filesResult(example: DocumentedExample): unknown {
  const body = example.value as { files?: { size?: number; link_expired_time?: string }[] };
  return {
    ...body,
    files: (body.files ?? []).map((file) => ({
      ...file,
      // Parsing is unit-tested in core; here the point is that the client applies it to what came over the wire.
      expiresAt: parseLinkExpiredTime(file.link_expired_time),
      sizeBytes: kilobytesToBytes(file.size),
    })),
    requestId: example.headers["x-request-id"],
  };
}

function commonInvalid(target: string, method: "GET" | "POST", body?: string): InvalidRequest[] {
  const json: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json;charset=UTF-8" };
  return [
    {
      name: "no credentials at all -> 401",
      method,
      target,
      headers: json,
      ...(body === undefined ? {} : { body }),
      status: 401,
      violation: { location: ["request"], code: 401, message: "Invalid security scheme used" },
    },
  ];
}

type ErrorClasses = Pick<ContractDefinition, "ApiError" | "ValidationError">;

/** Ids that are not plain tokens: each must be refused by the client or be valid for the spec. */
function idEdges(field: string, base: Record<string, unknown>, values: string[]): EdgeInput[] {
  return values.map((value) => ({ name: `${field} ${JSON.stringify(value)}`, input: { ...base, [field]: value } }));
}

function projectEdges(input: Record<string, unknown>): EdgeInput[] {
  return ["a/b", "..", "."].map((projectId) => ({ name: `projectId ${JSON.stringify(projectId)}`, input, clientOptions: { projectId } }));
}

export function rdsContract(api: ApiId, create: Factory, { ApiError, ValidationError }: ErrorClasses): ContractDefinition {
  const path = "/v3/{project_id}/backup-files";
  const sends = `/v3/${PROJECT_ID}/backup-files?backup_id=${BACKUP_ID}`;
  const variants: RequestVariant[] = AUTH_MODES.map((auth) => ({
    name: `${auth}, backupId`,
    auth,
    path,
    method: "get",
    input: { backupId: BACKUP_ID },
    sends,
  }));
  return {
    api,
    ApiError,
    createClient: clientFactory(create),
    baseline: [variants[0] as RequestVariant],
    variants,
    expectedResult: (example) => filesResult(example),
    expectedError: huaweiError,
    ValidationError,
    edgeInputs: [
      ...idEdges("backupId", {}, ["a b", "a\tb", "a/b", "a?b#c%d", "ü-ñ"]),
      ...projectEdges({ backupId: BACKUP_ID }),
    ],
    invalidRequests: [
      {
        name: "missing required backup_id -> 400",
        method: "GET",
        target: `/v3/${PROJECT_ID}/backup-files`,
        headers: TOKEN_HEADER,
        status: 400,
        violation: { location: ["request", "query"], code: "required", message: "Request query must have required property 'backup_id'" },
      },
      {
        name: "backup_id with whitespace (pattern) -> 400",
        method: "GET",
        target: `/v3/${PROJECT_ID}/backup-files?backup_id=a%20b`,
        headers: TOKEN_HEADER,
        status: 400,
        violation: { location: ["request", "query", "backup_id"], code: "pattern" },
      },
      {
        name: "project_id with whitespace (pattern) -> 400",
        method: "GET",
        target: `/v3/a%20b/backup-files?backup_id=${BACKUP_ID}`,
        headers: TOKEN_HEADER,
        status: 400,
        violation: { location: ["request", "path", "project_id"], code: "pattern" },
      },
      ...commonInvalid(sends, "GET"),
    ],
  };
}

export function ddsContract(api: ApiId, create: Factory, { ApiError, ValidationError }: ErrorClasses): ContractDefinition {
  const path = "/v3/{project_id}/backups/download-file";
  const sends = `/v3/${PROJECT_ID}/backups/download-file?instance_id=${INSTANCE_ID}&backup_id=${BACKUP_ID}`;
  const variants: RequestVariant[] = AUTH_MODES.map((auth) => ({
    name: `${auth}, instanceId + backupId`,
    auth,
    path,
    method: "get",
    input: { instanceId: INSTANCE_ID, backupId: BACKUP_ID },
    sends,
  }));
  return {
    api,
    ApiError,
    createClient: clientFactory(create),
    baseline: [variants[0] as RequestVariant],
    variants,
    expectedResult: (example) => filesResult(example),
    expectedError: huaweiError,
    ValidationError,
    edgeInputs: [
      ...idEdges("instanceId", { backupId: BACKUP_ID }, ["a b", "a/b"]),
      ...idEdges("backupId", { instanceId: INSTANCE_ID }, ["a b", "a/b"]),
      ...projectEdges({ instanceId: INSTANCE_ID, backupId: BACKUP_ID }),
    ],
    invalidRequests: [
      {
        name: "missing required instance_id -> 400",
        method: "GET",
        target: `/v3/${PROJECT_ID}/backups/download-file?backup_id=${BACKUP_ID}`,
        headers: TOKEN_HEADER,
        status: 400,
        violation: { location: ["request", "query"], code: "required", message: "Request query must have required property 'instance_id'" },
      },
      {
        name: "missing required backup_id -> 400",
        method: "GET",
        target: `/v3/${PROJECT_ID}/backups/download-file?instance_id=${INSTANCE_ID}`,
        headers: TOKEN_HEADER,
        status: 400,
        violation: { location: ["request", "query"], code: "required", message: "Request query must have required property 'backup_id'" },
      },
      {
        name: "instance_id with whitespace (pattern) -> 400",
        method: "GET",
        target: `/v3/${PROJECT_ID}/backups/download-file?instance_id=a%20b&backup_id=${BACKUP_ID}`,
        headers: TOKEN_HEADER,
        status: 400,
        violation: { location: ["request", "query", "instance_id"], code: "pattern" },
      },
      ...commonInvalid(sends, "GET"),
    ],
  };
}

export function dcsContract(api: ApiId, create: Factory, { ApiError, ValidationError }: ErrorClasses): ContractDefinition {
  const path = "/v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links";
  const sends = `/v2/${PROJECT_ID}/instances/${DCS_INSTANCE_ID}/backups/${DCS_BACKUP_ID}/links`;
  const expirations: (number | undefined)[] = [undefined, 300, 86400];
  const variants: RequestVariant[] = AUTH_MODES.flatMap((auth) =>
    expirations.map((expiration) => ({
      name: `${auth}, ${expiration === undefined ? "default expiration (1800)" : `expiration ${expiration}`}`,
      auth,
      path,
      method: "post" as const,
      input: { instanceId: DCS_INSTANCE_ID, backupId: DCS_BACKUP_ID, ...(expiration === undefined ? {} : { expiration }) },
      sends,
      body: { expiration: expiration ?? 1800 },
    })),
  );
  const json = { ...TOKEN_HEADER, "Content-Type": "application/json;charset=UTF-8" };
  const post = (name: string, body: string, violation: InvalidRequest["violation"]): InvalidRequest => ({
    name,
    method: "POST",
    target: sends,
    headers: json,
    body,
    status: 400,
    violation,
  });
  return {
    api,
    ApiError,
    createClient: clientFactory(create),
    baseline: [variants[0] as RequestVariant],
    variants,
    expectedResult: (example, _exchange, variant, window) => {
      // The API returns no expiry: the client computes it from when it sent the request plus `expiration`.
      const expiration = (variant.body as { expiration: number }).expiration;
      const [earliest, latest] = [window.before + expiration * 1000, window.after + expiration * 1000];
      return {
        ...(example.value as object),
        expiresAt: satisfies<Date>(`a Date between ${earliest} and ${latest}`, (d) => d instanceof Date && d.getTime() >= earliest && d.getTime() <= latest),
        expiration,
        requestId: example.headers["x-request-id"],
      };
    },
    expectedError: huaweiError,
    ValidationError,
    edgeInputs: [
      ...idEdges("instanceId", { backupId: DCS_BACKUP_ID }, ["a b", "a/b", "..", "."]),
      ...idEdges("backupId", { instanceId: DCS_INSTANCE_ID }, ["a b", "a/b", ".."]),
      ...projectEdges({ instanceId: DCS_INSTANCE_ID, backupId: DCS_BACKUP_ID }),
    ],
    invalidRequests: [
      post("expiration below 300 (minimum) -> 400", '{"expiration":299}', { location: ["request", "body", "expiration"], code: "minimum" }),
      post("expiration above 86400 (maximum) -> 400", '{"expiration":86401}', { location: ["request", "body", "expiration"], code: "maximum" }),
      post("expiration as a string (type) -> 400", '{"expiration":"1800"}', { location: ["request", "body", "expiration"], code: "type" }),
      post("expiration not an integer (type) -> 400", '{"expiration":1800.5}', { location: ["request", "body", "expiration"], code: "type" }),
      post("missing required expiration -> 400", "{}", { location: ["request", "body"], code: "required" }),
      {
        name: "no request body -> 400",
        method: "POST",
        target: sends,
        headers: TOKEN_HEADER,
        status: 400,
        violation: { location: ["request"], code: "required", message: "Body parameter is required" },
      },
      ...commonInvalid(sends, "POST", '{"expiration":1800}'),
    ],
  };
}
