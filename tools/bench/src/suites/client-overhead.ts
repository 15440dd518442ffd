/**
 * Suite 2: what a client adds to one API call, against a local HTTP server (`api-server.mjs`, its own process,
 * fixed JSON body, keep-alive).
 *
 * Overhead is defined as the ratio of median per-call latencies (p50, sequential calls after a warm-up) of a
 * client to raw `fetch(url).then(r => r.json())` of the same URL; p99 is reported beside it. A client's call
 * includes everything a user pays for: input checks, signing (date, nonce, hashes, HMAC), building the request,
 * the round trip, parsing and mapping the response. The server's own time is in every row alike.
 */
import {
  BACKUP_ID,
  BENCH_ACCESS_KEY,
  BENCH_PROJECT_ID,
  BENCH_SECRET_KEY,
  JD_REGION,
  JD_RESPONSE,
  RDS_V3_RESPONSE,
} from "../fixtures.js";
import { huaweiCredential, officialHuaweiClient, showBackupDownloadLinkOptions } from "../official/huawei.js";
import { officialJdRdsService } from "../official/jdcloud.js";
import { startServer, serverScript } from "../servers/spawn-server.js";
import { percentile, ratio, summarizeRounds, type RoundSummary } from "../stats.js";
import { sampleLatenciesInterleaved, type LatencyOptions } from "../timing.js";

/** `variant`: ours configured differently to isolate a cost (no target applies). */
export type CandidateKind = "baseline" | "ours" | "variant" | "official";

export interface Candidate {
  id: string;
  label: string;
  kind: CandidateKind;
  /** Which raw-fetch row this one is compared with. */
  baseline: string;
  call(): Promise<unknown>;
  /** Throws when a call does not return what the server sent (checked once before timing). */
  check(result: unknown): void;
}

export interface CandidateResult {
  id: string;
  label: string;
  kind: CandidateKind;
  baseline: string;
  /** Set when the candidate could not be set up or failed its check; no timings then. */
  error?: string;
  p50Us?: RoundSummary;
  p99Us?: RoundSummary;
  /** median p50 / median p50 of its raw-fetch baseline. */
  p50Ratio?: number;
  p99Ratio?: number;
  /** median p50 minus the baseline's median p50, in microseconds. */
  p50OverheadUs?: number;
}

export interface ClientOverheadResult {
  rounds: number;
  latency: LatencyOptions;
  candidates: CandidateResult[];
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

function field(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const accessKeyCredentials = { accessKey: BENCH_ACCESS_KEY, secretKey: BENCH_SECRET_KEY };
const expectedRdsName = RDS_V3_RESPONSE.files[0]!.name;

/** The one operation the openapi-fetch row calls, typed as openapi-typescript would generate it. */
interface RdsBackupFilesPaths {
  "/v3/{project_id}/backup-files": {
    get: {
      parameters: { path: { project_id: string }; query: { backup_id: string } };
      responses: { 200: { content: { "application/json": { files: Array<{ name: string }> } } } };
    };
  };
}

/** Builds the candidates for a server at `origin`; a candidate whose package cannot be loaded becomes an error row. */
export async function buildCandidates(origin: string): Promise<Array<Candidate | { id: string; label: string; kind: CandidateKind; baseline: string; error: string }>> {
  const url = new URL(origin);
  const rdsUrl = `${origin}/v3/${BENCH_PROJECT_ID}/backup-files?backup_id=${BACKUP_ID}`;
  const jdUrl = `${origin}/v1/regions/${JD_REGION}/backups/${BACKUP_ID}:describeBackupDownloadURL`;
  const out: Array<Candidate | { id: string; label: string; kind: CandidateKind; baseline: string; error: string }> = [];
  const attempt = async (
    meta: { id: string; label: string; kind: CandidateKind; baseline: string },
    make: () => Promise<Omit<Candidate, "id" | "label" | "kind" | "baseline">>,
  ) => {
    try {
      out.push({ ...meta, ...(await make()) });
    } catch (error) {
      out.push({ ...meta, error: error instanceof Error ? error.message : String(error) });
    }
  };

  await attempt({ id: "fetch-rds", label: "raw fetch (RDS v3 URL)", kind: "baseline", baseline: "fetch-rds" }, async () => ({
    call: () => fetch(rdsUrl).then((r) => r.json()),
    check: (r) => expectEqual(field(r, "files", 0, "name"), expectedRdsName, "raw fetch files[0].name"),
  }));
  await attempt(
    { id: "ours-otc-rds", label: "@backup-links/otc-rds getBackupDownloadLinks", kind: "ours", baseline: "fetch-rds" },
    async () => {
      const { createOtcRdsClient } = await import("@backup-links/otc-rds");
      const client = createOtcRdsClient({ baseUrl: origin, projectId: BENCH_PROJECT_ID, credentials: accessKeyCredentials });
      return {
        call: () => client.getBackupDownloadLinks({ backupId: BACKUP_ID }),
        check: (r) => expectEqual(field(r, "files", 0, "name"), expectedRdsName, "otc-rds files[0].name"),
      };
    },
  );
  await attempt(
    {
      id: "openapi-fetch-rds",
      label: "openapi-fetch alone (createClient GET of the same path: no auth, checks, retries or mapping)",
      kind: "variant",
      baseline: "fetch-rds",
    },
    async () => {
      const { default: createClient } = await import("openapi-fetch");
      const client = createClient<RdsBackupFilesPaths>({ baseUrl: origin });
      return {
        call: () =>
          client.GET("/v3/{project_id}/backup-files", { params: { path: { project_id: BENCH_PROJECT_ID }, query: { backup_id: BACKUP_ID } } }),
        check: (r) => expectEqual(field(r, "data", "files", 0, "name"), expectedRdsName, "openapi-fetch data.files[0].name"),
      };
    },
  );
  await attempt(
    {
      id: "ours-otc-rds-token",
      label: "@backup-links/otc-rds with an IAM token (no signing: the client without its signer)",
      kind: "variant",
      baseline: "fetch-rds",
    },
    async () => {
      const { createOtcRdsClient } = await import("@backup-links/otc-rds");
      const client = createOtcRdsClient({ baseUrl: origin, projectId: BENCH_PROJECT_ID, credentials: { token: "bench-token" } });
      return {
        call: () => client.getBackupDownloadLinks({ backupId: BACKUP_ID }),
        check: (r) => expectEqual(field(r, "files", 0, "name"), expectedRdsName, "otc-rds (token) files[0].name"),
      };
    },
  );
  await attempt(
    {
      id: "official-huawei",
      label: "@huaweicloud/huaweicloud-sdk-core HcClient (showBackupDownloadLink options)",
      kind: "official",
      baseline: "fetch-rds",
    },
    async () => {
      const client = officialHuaweiClient(origin, huaweiCredential(BENCH_ACCESS_KEY, BENCH_SECRET_KEY, BENCH_PROJECT_ID));
      return {
        call: () => client.sendRequest(showBackupDownloadLinkOptions(BACKUP_ID)),
        check: (r) => expectEqual(field(r, "files", 0, "name"), expectedRdsName, "HcClient files[0].name"),
      };
    },
  );
  await attempt({ id: "fetch-jd", label: "raw fetch (JD URL)", kind: "baseline", baseline: "fetch-jd" }, async () => ({
    call: () => fetch(jdUrl).then((r) => r.json()),
    check: (r) => expectEqual(field(r, "result", "publicURL"), JD_RESPONSE.result.publicURL, "raw fetch result.publicURL"),
  }));
  await attempt(
    { id: "ours-jdcloud-rds", label: "@backup-links/jdcloud-rds getBackupDownloadLinks", kind: "ours", baseline: "fetch-jd" },
    async () => {
      const { createJdCloudRdsClient } = await import("@backup-links/jdcloud-rds");
      const client = createJdCloudRdsClient({ baseUrl: origin, region: JD_REGION, credentials: accessKeyCredentials });
      return {
        call: () => client.getBackupDownloadLinks({ backupId: BACKUP_ID }),
        check: (r) => {
          const text = JSON.stringify(r);
          if (!text.includes(JD_RESPONSE.result.publicURL)) throw new Error(`jdcloud-rds result lacks publicURL: ${text}`);
        },
      };
    },
  );
  await attempt(
    { id: "official-jd", label: "jdcloud-sdk-js RDS describeBackupDownloadURL", kind: "official", baseline: "fetch-jd" },
    async () => {
      const service = officialJdRdsService(
        { accessKeyId: BENCH_ACCESS_KEY, secretAccessKey: BENCH_SECRET_KEY },
        JD_REGION,
        { host: url.host, protocol: "http" },
      );
      return {
        call: () => service.describeBackupDownloadURL({ backupId: BACKUP_ID }),
        check: (r) =>
          expectEqual(field(r, "result", "publicURL"), JD_RESPONSE.result.publicURL, "jdcloud-sdk-js result.publicURL"),
      };
    },
  );
  return out;
}

export interface ClientOverheadOptions {
  rounds: number;
  latency: LatencyOptions;
}

export async function runClientOverheadSuite(options: ClientOverheadOptions): Promise<ClientOverheadResult> {
  const server = await startServer(serverScript("api-server.mjs"), [JSON.stringify([RDS_V3_RESPONSE, JD_RESPONSE])]);
  try {
    const built = await buildCandidates(server.origin);
    const errors = new Map<string, string>();
    const live: Candidate[] = [];
    for (const c of built) {
      if ("error" in c) {
        errors.set(c.id, c.error);
        continue;
      }
      try {
        c.check(await c.call());
        live.push(c);
      } catch (error) {
        errors.set(c.id, error instanceof Error ? error.message : String(error));
      }
    }
    const p50 = new Map<string, number[]>(live.map((c) => [c.id, []]));
    const p99 = new Map<string, number[]>(live.map((c) => [c.id, []]));
    for (let round = 0; round < options.rounds; round++) {
      // Calls of all candidates interleaved: a client and its raw-fetch baseline see the same machine state.
      const samples = await sampleLatenciesInterleaved(
        live.map((c) => c.call),
        options.latency,
      );
      live.forEach((c, i) => {
        p50.get(c.id)!.push(percentile(samples[i]!, 50));
        p99.get(c.id)!.push(percentile(samples[i]!, 99));
      });
    }
    const summaries = new Map(
      live.map((c) => [c.id, { p50: summarizeRounds(p50.get(c.id)!), p99: summarizeRounds(p99.get(c.id)!) }]),
    );
    const candidates: CandidateResult[] = built.map((c) => {
      const base = { id: c.id, label: c.label, kind: c.kind, baseline: c.baseline };
      const error = errors.get(c.id);
      const own = summaries.get(c.id);
      if (error !== undefined || own === undefined) return { ...base, error: error ?? "not measured" };
      const reference = summaries.get(c.baseline);
      return {
        ...base,
        p50Us: own.p50,
        p99Us: own.p99,
        ...(reference === undefined
          ? {}
          : {
              p50Ratio: ratio(own.p50.median, reference.p50.median),
              p99Ratio: ratio(own.p99.median, reference.p99.median),
              p50OverheadUs: own.p50.median - reference.p50.median,
            }),
      };
    });
    return { rounds: options.rounds, latency: options.latency, candidates };
  } finally {
    await server.stop();
  }
}
