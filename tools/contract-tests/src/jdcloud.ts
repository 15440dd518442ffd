/**
 * Contract definition of the JD Cloud RDS client: AK/SK (JDCLOUD2-HMAC-SHA256) only, both paths (the SDKs'
 * `:describeBackupDownloadURL` and the seed document's deprecated `/downloadURLs`), and every combination of the
 * optional `fileName` and `urlExpirationSecond`.
 */
import type { Exchange } from "@backup-links/testkit/prism-exchange";
import type { ClientContext, ClientUnderTest, ContractDefinition, ExpectedApiError, InvalidRequest, RequestVariant } from "./contract.js";
import { CREDENTIALS } from "./huawei-family.js";
import type { DocumentedExample } from "./spec-examples.js";

export const REGION = "cn-north-1";
export const JD_BACKUP_ID = "7a3f9d1e-5b6c-4e2f-8a9b-0c1d2e3f4a5b";
const CURRENT = "/v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL";
const LEGACY = "/v1/regions/{regionId}/backups/{backupId}/downloadURLs";
const CURRENT_TARGET = `/v1/regions/${REGION}/backups/${JD_BACKUP_ID}:describeBackupDownloadURL`;
const LEGACY_TARGET = `/v1/regions/${REGION}/backups/${JD_BACKUP_ID}/downloadURLs`;
/** Prism only checks that the `Authorization` header is there. */
const SIGNED = { Authorization: "JDCLOUD2-HMAC-SHA256 Credential=AK/20240101/cn-north-1/rds/jdcloud2_request, SignedHeaders=host, Signature=00" };

type Factory = (options: Record<string, unknown>) => ClientUnderTest;

/** JD's envelope: `error.status` (else `String(error.code)`), `error.message`; request id from the body, else the header (as on success). */
export function jdError(example: DocumentedExample, _exchange: Exchange): ExpectedApiError {
  const body = example.value as { requestId?: string; error?: { code?: number; status?: string; message?: string } };
  return {
    status: example.status,
    errorCode: body.error?.status ?? (body.error?.code === undefined ? undefined : String(body.error.code)),
    errorMessage: body.error?.message,
    errorDetail: undefined,
    requestId: body.requestId ?? example.headers["x-jdcloud-request-id"],
  };
}

/** The client's result: both URLs ("" when absent), whether any is there, and the body's request id. */
function jdResult(example: DocumentedExample): unknown {
  const body = example.value as { requestId?: string; result?: { publicURL?: string; internalURL?: string } };
  const publicURL = body.result?.publicURL ?? "";
  const internalURL = body.result?.internalURL ?? "";
  return {
    requestId: body.requestId ?? example.headers["x-jdcloud-request-id"],
    publicURL,
    internalURL,
    available: publicURL !== "" || internalURL !== "",
  };
}

export function jdcloudRdsContract(create: Factory, { ApiError, ValidationError }: Pick<ContractDefinition, "ApiError" | "ValidationError">): ContractDefinition {
  const createClient = (context: ClientContext, extra: Record<string, unknown> = {}): ClientUnderTest =>
    create({
      baseUrl: context.baseUrl,
      region: REGION,
      credentials: CREDENTIALS.aksk,
      fetch: context.fetch,
      retry: false,
      env: {},
      ...extra,
    });

  const ways = [
    { label: "current path", path: CURRENT, target: CURRENT_TARGET, clientOptions: {}, callOptions: undefined },
    { label: "legacy path (client option)", path: LEGACY, target: LEGACY_TARGET, clientOptions: { legacyPath: true }, callOptions: undefined },
    { label: "legacy path (per call)", path: LEGACY, target: LEGACY_TARGET, clientOptions: {}, callOptions: { legacyPath: true } },
    { label: "current path (per call over a legacy client)", path: CURRENT, target: CURRENT_TARGET, clientOptions: { legacyPath: true }, callOptions: { legacyPath: false } },
  ];
  const fileNames = [undefined, "my_test_db.bak"];
  // As the SDKs send it: a string of digits; the client also takes a number.
  const expirations: { value: number | string | undefined; sent?: string }[] = [
    { value: undefined },
    { value: 1, sent: "1" },
    { value: "86400", sent: "86400" },
  ];
  const variants: RequestVariant[] = ways.flatMap((way) =>
    fileNames.flatMap((fileName) =>
      expirations.map(({ value, sent }) => {
        const query = new URLSearchParams();
        if (fileName !== undefined) query.set("fileName", fileName);
        if (sent !== undefined) query.set("urlExpirationSecond", sent);
        const search = query.toString();
        return {
          name: `aksk, ${way.label}, ${fileName === undefined ? "no fileName" : "fileName"}, ${value === undefined ? "no urlExpirationSecond" : `urlExpirationSecond ${JSON.stringify(value)}`}`,
          auth: "aksk" as const,
          path: way.path,
          method: "get" as const,
          clientOptions: way.clientOptions,
          input: { backupId: JD_BACKUP_ID, ...(fileName === undefined ? {} : { fileName }), ...(value === undefined ? {} : { urlExpirationSecond: value }) },
          ...(way.callOptions === undefined ? {} : { callOptions: way.callOptions }),
          sends: search ? `${way.target}?${search}` : way.target,
        };
      }),
    ),
  );
  const baseline = [variants[0], variants.find((v) => v.path === LEGACY)] as RequestVariant[];

  // Prism reports parameter names lower-cased in `sl-violations` locations (regionid, urlexpirationsecond).
  const get = (name: string, target: string, violation: InvalidRequest["violation"], status: 400 | 401 = 400, headers = SIGNED): InvalidRequest => ({
    name,
    method: "GET",
    target,
    headers,
    status,
    violation,
  });
  return {
    api: "jdcloud-rds",
    ApiError,
    createClient,
    baseline,
    variants,
    expectedResult: (example) => jdResult(example),
    expectedError: jdError,
    ValidationError,
    edgeInputs: [
      ...["a b", "a/b", "a:b", ".."].map((backupId) => ({ name: `backupId ${JSON.stringify(backupId)}`, input: { backupId } })),
      ...["a/b.bak", "a\\b.bak", "my test.bak", "\u0001a.bak", "a\u0000b.bak"].map((fileName) => ({
        name: `fileName ${JSON.stringify(fileName)}`,
        input: { backupId: JD_BACKUP_ID, fileName },
      })),
      { name: "fileName \"a/b.bak\" on the legacy path", input: { backupId: JD_BACKUP_ID, fileName: "a/b.bak" }, callOptions: { legacyPath: true }, path: LEGACY },
      { name: "backupId \"..\" on the legacy path", input: { backupId: ".." }, callOptions: { legacyPath: true }, path: LEGACY },
    ],
    invalidRequests: [
      get("unknown region (enum) -> 400", CURRENT_TARGET.replace(REGION, "cn-west-9"), { location: ["request", "path", "regionid"], code: "enum" }),
      get("urlExpirationSecond 0 (below 1) -> 400", `${CURRENT_TARGET}?urlExpirationSecond=0`, { location: ["request", "query", "urlexpirationsecond"], code: "pattern" }),
      get("urlExpirationSecond 86401 (above 86400) -> 400", `${CURRENT_TARGET}?urlExpirationSecond=86401`, { location: ["request", "query", "urlexpirationsecond"], code: "pattern" }),
      get("urlExpirationSecond not digits -> 400", `${CURRENT_TARGET}?urlExpirationSecond=1e3`, { location: ["request", "query", "urlexpirationsecond"], code: "pattern" }),
      get("fileName with a slash (pattern) -> 400", `${CURRENT_TARGET}?fileName=a%2Fb.bak`, { location: ["request", "query", "filename"], code: "pattern" }),
      get("fileName starting with a control character (pattern) -> 400", `${CURRENT_TARGET}?fileName=%01a.bak`, { location: ["request", "query", "filename"], code: "pattern" }),
      get("legacy path, urlExpirationSecond 86401 -> 400", `${LEGACY_TARGET}?urlExpirationSecond=86401`, { location: ["request", "query", "urlexpirationsecond"], code: "pattern" }),
      get("no credentials -> 401", CURRENT_TARGET, { location: ["request"], code: 401, message: "Invalid security scheme used" }, 401, {} as typeof SIGNED),
      get("legacy path, no credentials -> 401", LEGACY_TARGET, { location: ["request"], code: 401, message: "Invalid security scheme used" }, 401, {} as typeof SIGNED),
    ],
  };
}
