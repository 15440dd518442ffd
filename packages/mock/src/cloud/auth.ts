import { verifyJdCloud2, verifySdkHmacSha256, type WireRequestRecord } from "../verify-signature.js";

/** An account of the mock cloud: requests signed with this AK/SK (or carrying one of `tokens`) are accepted. */
export interface MockAccount {
  accessKey: string;
  secretKey: string;
}

export interface AuthConfig {
  accounts: readonly MockAccount[];
  /** IAM tokens accepted as `X-Auth-Token` (Huawei Cloud and OTC only). */
  tokens: readonly string[];
  now: () => number;
}

/** Why a request was refused; `undefined` when it is authentic. */
export type AuthFailure = { status: 401 | 403; code: string; message: string };

/** How far a signing date may be from the server's clock (the vendors' gateways allow 15 minutes). */
const MAX_SKEW_MS = 15 * 60_000;

/** `20261202T031500Z` -> epoch ms, or NaN. */
function signingDate(value: string | undefined): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  return m === null ? Number.NaN : Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function accessKeyOf(authorization: string | undefined, field: "Access" | "Credential"): string | undefined {
  const match = new RegExp(`${field}=([^,/ ]+)`).exec(authorization ?? "");
  return match?.[1];
}

/**
 * Huawei Cloud / OTC: `X-Auth-Token` with a known token, or an SDK-HMAC-SHA256 signature that the independent
 * verifier recomputes with the account's secret key, dated within 15 minutes of the server's clock.
 */
export function checkSdkHmac(request: WireRequestRecord, config: AuthConfig): AuthFailure | undefined {
  const headers = lower(request.headers);
  const token = headers["x-auth-token"];
  if (token !== undefined && headers.authorization === undefined) {
    return config.tokens.includes(token) ? undefined : { status: 401, code: "APIGW.0307", message: "The token must be updated." };
  }
  const account = config.accounts.find((candidate) => candidate.accessKey === accessKeyOf(headers.authorization, "Access"));
  if (account === undefined) return { status: 401, code: "APIGW.0301", message: "Incorrect IAM authentication information: AK not found." };
  const date = signingDate(headers["x-sdk-date"]);
  if (!(Math.abs(config.now() - date) <= MAX_SKEW_MS)) {
    return { status: 401, code: "APIGW.0303", message: "Incorrect app authentication information: the request has expired (X-Sdk-Date)." };
  }
  const check = verifySdkHmacSha256(request, account);
  if (!check.valid) return { status: 401, code: "APIGW.0301", message: "Incorrect IAM authentication information: verify aksk signature fail." };
  return undefined;
}

/** JD Cloud: a JDCLOUD2-HMAC-SHA256 signature in the scope of the path's region and the `rds` service. */
export function checkJdCloud2(request: WireRequestRecord, region: string, config: AuthConfig): AuthFailure | undefined {
  const headers = lower(request.headers);
  const account = config.accounts.find((candidate) => candidate.accessKey === accessKeyOf(headers.authorization, "Credential"));
  if (account === undefined) return { status: 401, code: "UNAUTHENTICATED", message: "invalid access key" };
  const date = signingDate(headers["x-jdcloud-date"]);
  if (!(Math.abs(config.now() - date) <= MAX_SKEW_MS)) return { status: 401, code: "UNAUTHENTICATED", message: "request date is out of range" };
  if (!headers["x-jdcloud-nonce"]) return { status: 401, code: "UNAUTHENTICATED", message: "x-jdcloud-nonce is required" };
  const check = verifyJdCloud2(request, account, { region, service: "rds" });
  if (!check.valid) return { status: 401, code: "UNAUTHENTICATED", message: "signature does not match" };
  return undefined;
}

function lower(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
