/**
 * Suite 1: our signers against the official SDKs' signers on the same requests.
 *
 * Both sides get the same input level: a plain description of one request (method, URL, headers, body) and
 * produce the Authorization header. Ours: `signSdkHmacSha256` / `signJdCloud2` from @backup-links/core. Official:
 * `AKSKSigner.sign` from @huaweicloud/huaweicloud-sdk-core and `SignerV2.addAuthorization` from jdcloud-sdk-js.
 *
 * First, with the date and nonce fixed, each pair must produce the byte-identical Authorization header, or the
 * suite throws `SignatureMismatchError` (a bug in ours or a difference to explain). Then both are timed with the
 * current time and a fresh nonce per call, as each SDK does it for a real request.
 */
import { randomUUID } from "node:crypto";
import { formatSigningDate, signJdCloud2, signSdkHmacSha256 } from "@backup-links/core";
import {
  BACKUP_ID,
  BENCH_ACCESS_KEY,
  BENCH_PROJECT_ID,
  BENCH_SECRET_KEY,
  FIXED_NONCE,
  FIXED_SIGNING_DATE,
  FIXED_SIGNING_DATE_TEXT,
  HUAWEI_HOST,
  INSTANCE_ID,
  JD_HOST,
  JD_REGION,
} from "../fixtures.js";
import { huaweiCredential, officialHuaweiSign, type HuaweiSignerRequest } from "../official/huawei.js";
import {
  officialJdRdsService,
  officialJdRequest,
  officialJdSign,
  officialJdSignWithNonce,
  type JdRequestSpec,
} from "../official/jdcloud.js";
import { ratio, summarizeRounds, type RoundSummary } from "../stats.js";
import { measureThroughput, type ThroughputOptions } from "../timing.js";

export type SigningAlgorithm = "SDK-HMAC-SHA256" | "JDCLOUD2-HMAC-SHA256";

export interface SigningCaseResult {
  algorithm: SigningAlgorithm;
  /** e.g. "GET with query" */
  request: string;
  /** e.g. "GET /v3/{project_id}/backups/download-file?instance_id&backup_id" */
  requestLine: string;
  official: string;
  /** The Authorization header both produced for the fixed date and nonce (benchmark-only keys). */
  authorization: string;
  signaturesEqual: true;
  oursOpsPerSec: RoundSummary;
  officialOpsPerSec: RoundSummary;
  /** median ours / median official (higher is better for ours). */
  speedup: number;
  /** The same per CPU-second (see ThroughputSample.opsPerCpuSec). */
  oursOpsPerCpuSec: RoundSummary;
  officialOpsPerCpuSec: RoundSummary;
  cpuSpeedup: number;
}

export interface SigningSuiteResult {
  cases: SigningCaseResult[];
  throughput: ThroughputOptions;
  rounds: number;
}

export class SignatureMismatchError extends Error {
  constructor(
    readonly algorithm: SigningAlgorithm,
    readonly request: string,
    readonly ours: string,
    readonly official: string,
  ) {
    super(
      `${algorithm} ${request}: our signature differs from the official SDK's on the same request\n` +
        `  ours:     ${ours}\n  official: ${official}`,
    );
    this.name = "SignatureMismatchError";
  }
}

interface SigningCase {
  algorithm: SigningAlgorithm;
  request: string;
  requestLine: string;
  official: string;
  /** Authorization headers for the fixed date and nonce. */
  fixed(): Promise<{ ours: string; official: string }>;
  ours(): Promise<unknown>;
  officialSign(): unknown;
}

const credentials = { accessKey: BENCH_ACCESS_KEY, secretKey: BENCH_SECRET_KEY };

/** SDK-HMAC-SHA256: what the Huawei SDK signs for a JSON API call (content-type, host, x-project-id, x-sdk-date). */
function huaweiCase(kind: "GET" | "POST"): SigningCase {
  const path =
    kind === "GET"
      ? `/v3/${BENCH_PROJECT_ID}/backups/download-file`
      : `/v2/${BENCH_PROJECT_ID}/instances/${INSTANCE_ID}/backups/${BACKUP_ID}/links`;
  const query: Record<string, string> = kind === "GET" ? { instance_id: INSTANCE_ID, backup_id: BACKUP_ID } : {};
  const bodyObject = kind === "POST" ? { expiration: 1800 } : undefined;
  const body = bodyObject === undefined ? undefined : JSON.stringify(bodyObject);
  const search = new URLSearchParams(query).toString();
  const url = `https://${HUAWEI_HOST}${path}${search === "" ? "" : `?${search}`}`;
  const baseHeaders = { "Content-Type": "application/json", "X-Project-Id": BENCH_PROJECT_ID };
  const signedHeaders = ["content-type", "host", "x-project-id", "x-sdk-date"];
  const officialCredential = huaweiCredential(BENCH_ACCESS_KEY, BENCH_SECRET_KEY);

  const officialRequest = (headers: Record<string, string>): HuaweiSignerRequest => ({
    endpoint: `https://${HUAWEI_HOST}${path}`,
    method: kind,
    headers,
    ...(kind === "GET" ? { queryParams: query } : { data: bodyObject }),
  });
  const oursSign = (date: string) =>
    signSdkHmacSha256(
      { method: kind, url, headers: { ...baseHeaders, "X-Sdk-Date": date }, ...(body === undefined ? {} : { body }) },
      credentials,
      signedHeaders,
    );
  // The official signer creates X-Sdk-Date itself when the header is absent, as in a real SDK call.
  const timedOfficialRequest = officialRequest({ ...baseHeaders });

  return {
    algorithm: "SDK-HMAC-SHA256",
    request: kind === "GET" ? "GET with query" : "POST with JSON body",
    requestLine:
      kind === "GET"
        ? "GET /v3/{project_id}/backups/download-file?instance_id=…&backup_id=…"
        : 'POST /v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links {"expiration":1800}',
    official: "@huaweicloud/huaweicloud-sdk-core AKSKSigner.sign",
    async fixed() {
      const ours = (await oursSign(FIXED_SIGNING_DATE_TEXT)).authorization;
      const signed = officialHuaweiSign(
        officialRequest({ ...baseHeaders, "X-Sdk-Date": FIXED_SIGNING_DATE_TEXT }),
        officialCredential,
      );
      return { ours, official: signed.Authorization ?? "" };
    },
    ours: () => oursSign(formatSigningDate(new Date())),
    officialSign: () => officialHuaweiSign(timedOfficialRequest, officialCredential),
  };
}

/** JDCLOUD2-HMAC-SHA256: what the JD SDK signs (accept, content-type, host, x-jdcloud-date, x-jdcloud-nonce). */
function jdCase(kind: "GET" | "POST"): SigningCase {
  const spec: JdRequestSpec =
    kind === "GET"
      ? {
          path: "/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL",
          method: "GET",
          pathParams: { regionId: JD_REGION, backupId: BACKUP_ID },
          queryParams: { fileName: "my_test_db.bak", urlExpirationSecond: "300" },
        }
      : {
          path: "/regions/{regionId}/backups",
          method: "POST",
          pathParams: { regionId: JD_REGION },
          queryParams: {},
          postBody: { instanceId: "sqlserver-bench01", backupSpec: { backupName: "bench-backup" } },
        };
  const jdCredentials = { accessKeyId: BENCH_ACCESS_KEY, secretAccessKey: BENCH_SECRET_KEY };
  const service = officialJdRdsService(jdCredentials, JD_REGION, { host: JD_HOST, protocol: "https" });
  const timedRequest = officialJdRequest(service, spec);
  // The wire URL of the same request: the SDK escapes each path segment with encodeURIComponent (":" -> "%3A").
  const url = timedRequest.request.url;
  const body = spec.postBody === undefined ? undefined : JSON.stringify(spec.postBody);
  const signedHeaders = ["accept", "content-type", "host", "x-jdcloud-date", "x-jdcloud-nonce"];
  const scope = { region: JD_REGION, service: "rds" };
  const oursSign = (date: string, nonce: string) =>
    signJdCloud2(
      {
        method: kind,
        url,
        headers: {
          accept: "application/json",
          "content-type": "application/json",
          "x-jdcloud-date": date,
          "x-jdcloud-nonce": nonce,
        },
        ...(body === undefined ? {} : { body }),
      },
      credentials,
      scope,
      signedHeaders,
    );

  return {
    algorithm: "JDCLOUD2-HMAC-SHA256",
    request: kind === "GET" ? "GET with query" : "POST with JSON body",
    requestLine:
      kind === "GET"
        ? "GET /v1/regions/{regionId}/backups/{backupId}%3AdescribeBackupDownloadURL?fileName=…&urlExpirationSecond=300"
        : 'POST /v1/regions/{regionId}/backups {"instanceId":…,"backupSpec":{…}}',
    official: "jdcloud-sdk-js SignerV2.addAuthorization",
    async fixed() {
      const ours = (await oursSign(FIXED_SIGNING_DATE_TEXT, FIXED_NONCE)).authorization;
      const official = officialJdSignWithNonce(
        officialJdRequest(service, spec),
        jdCredentials,
        FIXED_SIGNING_DATE,
        FIXED_NONCE,
      );
      return { ours, official };
    },
    ours: () => oursSign(formatSigningDate(new Date()), randomUUID()),
    officialSign: () => officialJdSign(timedRequest, jdCredentials),
  };
}

export function signingCases(): SigningCase[] {
  return [huaweiCase("GET"), huaweiCase("POST"), jdCase("GET"), jdCase("POST")];
}

/** Throws SignatureMismatchError for the first pair that differs; returns the agreed headers otherwise. */
export async function checkSignatureEquality(cases: SigningCase[] = signingCases()): Promise<string[]> {
  const agreed: string[] = [];
  for (const c of cases) {
    const { ours, official } = await c.fixed();
    if (ours !== official || ours === "") throw new SignatureMismatchError(c.algorithm, c.request, ours, official);
    agreed.push(ours);
  }
  return agreed;
}

export interface SigningSuiteOptions {
  rounds: number;
  throughput: ThroughputOptions;
}

export async function runSigningSuite(options: SigningSuiteOptions): Promise<SigningSuiteResult> {
  const cases = signingCases();
  const agreed = await checkSignatureEquality(cases);
  const results: SigningCaseResult[] = [];
  for (const [index, c] of cases.entries()) {
    const ours: number[] = [];
    const official: number[] = [];
    const oursCpu: number[] = [];
    const officialCpu: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      // Alternate who goes first so that neither always runs right after a GC or a neighbour's burst.
      const order = round % 2 === 0 ? ["ours", "official"] : ["official", "ours"];
      for (const who of order) {
        if (who === "ours") {
          const sample = await measureThroughput(c.ours, options.throughput);
          ours.push(sample.opsPerSec);
          oursCpu.push(sample.opsPerCpuSec);
        } else {
          const sample = await measureThroughput(c.officialSign, options.throughput);
          official.push(sample.opsPerSec);
          officialCpu.push(sample.opsPerCpuSec);
        }
      }
    }
    const oursSummary = summarizeRounds(ours);
    const officialSummary = summarizeRounds(official);
    const oursCpuSummary = summarizeRounds(oursCpu);
    const officialCpuSummary = summarizeRounds(officialCpu);
    results.push({
      algorithm: c.algorithm,
      request: c.request,
      requestLine: c.requestLine,
      official: c.official,
      authorization: agreed[index]!,
      signaturesEqual: true,
      oursOpsPerSec: oursSummary,
      officialOpsPerSec: officialSummary,
      speedup: ratio(oursSummary.median, officialSummary.median),
      oursOpsPerCpuSec: oursCpuSummary,
      officialOpsPerCpuSec: officialCpuSummary,
      cpuSpeedup: ratio(oursCpuSummary.median, officialCpuSummary.median),
    });
  }
  return { cases: results, throughput: options.throughput, rounds: options.rounds };
}
