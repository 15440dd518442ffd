/**
 * A quick run of every benchmark suite with a few iterations each (1 round, a 1 MiB download, no real install,
 * a no-op pipeline step), writing the report to a temp path. It checks that the suites produce complete results,
 * that our signatures equal the official SDKs', and that nothing is left behind. Timing values are only checked
 * for being positive and finite: their size is what `pnpm bench` is for.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBenchmarks, type BenchConfig } from "../src/bench.js";
import { renderBenchmarksMarkdown, targetRows } from "../src/markdown.js";
import { BENCHMARKS_MD, CLIENTS } from "../src/paths.js";
import { runCommand } from "../src/proc.js";
import type { BenchResults } from "../src/results.js";
import { DOWNLOAD_TEMP_PREFIX } from "../src/suites/download.js";
import { ENGINE_TEMP_PREFIX } from "../src/suites/engine.js";
import { SignatureMismatchError, checkSignatureEquality, signingCases } from "../src/suites/signing.js";

const SMOKE_FILE_BYTES = 1024 * 1024 + 7;

function smokeConfig(scratch: string): BenchConfig {
  return {
    command: "vitest smoke run",
    rounds: 1,
    suites: ["signing", "client", "footprint", "pipeline", "download", "engine"],
    signing: { rounds: 1, throughput: { minTimeMs: 10, minIterations: 16, warmupIterations: 16 } },
    client: { rounds: 1, latency: { warmupCalls: 5, calls: 25 } },
    footprint: { installs: false, coldImportRuns: 1 },
    pipeline: {
      clone: false,
      cwd: scratch,
      steps: [{ name: "no-op step", command: process.execPath, args: ["-e", "0"], required: true }],
    },
    download: { fileBytes: SMOKE_FILE_BYTES, rounds: 1, tempRoot: scratch },
    // 8 MiB at 40 MB/s per connection: a fraction of a second per run; aria2c only if already installed.
    engine: { fileBytes: 8 * 1024 * 1024, rounds: 1, capBytesPerSecond: 40e6, tempRoot: scratch, installAria2: false },
  };
}

const finitePositive = (value: number | undefined) => {
  expect(value).toBeTypeOf("number");
  expect(Number.isFinite(value)).toBe(true);
  expect(value!).toBeGreaterThan(0);
};

describe("signature equality with the official SDKs", () => {
  it("signs the four requests exactly as the official Huawei and JD signers do", async () => {
    const headers = await checkSignatureEquality();
    expect(headers).toHaveLength(4);
    expect(headers[0]).toMatch(/^SDK-HMAC-SHA256 Access=BENCHAK0000000000001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(headers[1]).toMatch(/^SDK-HMAC-SHA256 Access=BENCHAK0000000000001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/);
    expect(headers[2]).toMatch(
      /^JDCLOUD2-HMAC-SHA256 Credential=BENCHAK0000000000001\/20240102\/cn-north-1\/rds\/jdcloud2_request, SignedHeaders=accept;content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=[0-9a-f]{64}$/,
    );
    expect(headers[3]).toMatch(/^JDCLOUD2-HMAC-SHA256 Credential=BENCHAK0000000000001\/20240102\/cn-north-1\/rds\/jdcloud2_request, /);
    // GET and POST differ, so the check compared two different requests per signer.
    expect(headers[0]).not.toBe(headers[1]);
    expect(headers[2]).not.toBe(headers[3]);
  });

  it("fails loudly when a signature differs", async () => {
    const [real] = signingCases();
    const broken = { ...real!, fixed: async () => ({ ours: "SDK-HMAC-SHA256 Signature=aa", official: "SDK-HMAC-SHA256 Signature=bb" }) };
    await expect(checkSignatureEquality([broken])).rejects.toBeInstanceOf(SignatureMismatchError);
    await expect(checkSignatureEquality([broken])).rejects.toThrow(/GET with query: our signature differs/);
  });
});

describe("smoke run of every suite", () => {
  let scratch: string;
  let results: BenchResults;
  let reportPath: string;
  let benchmarksBefore: string | undefined;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "backup-links-bench-smoke-"));
    benchmarksBefore = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, "utf8") : undefined;
    results = await runBenchmarks(smokeConfig(scratch));
    reportPath = path.join(scratch, "BENCHMARKS.md");
    await writeFile(reportPath, renderBenchmarksMarkdown(results));
  }, 120_000);

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("runs every suite without a suite error", () => {
    expect(results.suiteErrors).toEqual([]);
    expect(results.command).toBe("vitest smoke run");
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.loadAverage).toHaveLength(3);
    expect(results.versions["@huaweicloud/huaweicloud-sdk-core"]).toBe("3.1.211");
    expect(results.versions["jdcloud-sdk-js"]).toBe("1.2.202");
  });

  it("signing: four cases, equal signatures, positive rates for both sides", () => {
    const cases = results.signing!.cases;
    expect(cases.map((c) => `${c.algorithm} ${c.request}`)).toEqual([
      "SDK-HMAC-SHA256 GET with query",
      "SDK-HMAC-SHA256 POST with JSON body",
      "JDCLOUD2-HMAC-SHA256 GET with query",
      "JDCLOUD2-HMAC-SHA256 POST with JSON body",
    ]);
    for (const c of cases) {
      expect(c.signaturesEqual).toBe(true);
      expect(c.oursOpsPerSec.rounds).toHaveLength(1);
      finitePositive(c.oursOpsPerSec.median);
      finitePositive(c.officialOpsPerSec.median);
      expect(c.speedup).toBeCloseTo(c.oursOpsPerSec.median / c.officialOpsPerSec.median, 10);
      finitePositive(c.oursOpsPerCpuSec.median);
      expect(c.cpuSpeedup).toBeCloseTo(c.oursOpsPerCpuSec.median / c.officialOpsPerCpuSec.median, 10);
    }
  });

  it("client overhead: raw fetch, ours and the official SDK measured for both signer families", () => {
    const byId = new Map(results.client!.candidates.map((c) => [c.id, c]));
    expect([...byId.keys()]).toEqual(["fetch-rds", "ours-otc-rds", "openapi-fetch-rds", "ours-otc-rds-token", "official-huawei", "fetch-jd", "ours-jdcloud-rds", "official-jd"]);
    for (const c of byId.values()) {
      expect(c.error, `${c.id}: ${c.error}`).toBeUndefined();
      finitePositive(c.p50Us?.median);
      expect(c.p99Us!.median).toBeGreaterThanOrEqual(c.p50Us!.median);
    }
    expect(byId.get("fetch-rds")!.p50Ratio).toBe(1);
    expect(byId.get("ours-otc-rds")!.baseline).toBe("fetch-rds");
    expect(byId.get("openapi-fetch-rds")!.baseline).toBe("fetch-rds");
    expect(byId.get("ours-jdcloud-rds")!.baseline).toBe("fetch-jd");
    finitePositive(byId.get("ours-otc-rds")!.p50Ratio);
  });

  it("footprint: every client bundles for the browser; the official SDKs' failures name the Node built-ins", () => {
    const bundles = results.footprint!.bundles;
    expect(bundles.filter((b) => b.kind === "ours").map((b) => b.name)).toEqual(CLIENTS.map((c) => `@backup-links/${c.id}`));
    for (const b of bundles.filter((x) => x.kind === "ours")) {
      expect(b.error, `${b.name}: ${b.error}`).toBeUndefined();
      finitePositive(b.gzipBytes);
      expect(b.gzipBytes!).toBeLessThan(b.minifiedBytes!);
    }
    const official = bundles.filter((b) => b.kind === "official");
    expect(official).toHaveLength(2);
    for (const b of official) expect(b.error).toMatch(/^cannot be bundled for a browser: needs .*"crypto"/);
    const cold = results.footprint!.coldImports!;
    expect(cold.runs).toBe(1);
    finitePositive(cold.baselineMs);
    for (const c of cold.results) {
      expect(c.error, `${c.name}: ${c.error}`).toBeUndefined();
      finitePositive(c.totalMs);
    }
  });

  it("download: every tool fetched the exact file; peak RSS measured; temp files removed", async () => {
    const d = results.download!;
    expect(d.fileBytes).toBe(SMOKE_FILE_BYTES);
    expect(d.sparse).toBe(false);
    expect(d.tools.map((t) => t.tool)).toEqual(["backup-links", "backup-links --no-fsync", "curl", "curl+fsync"]);
    for (const ours of d.tools.filter((t) => t.tool.startsWith("backup-links"))) {
      expect(ours.error, ours.error).toBeUndefined();
      finitePositive(ours.throughputMBps?.median);
      finitePositive(ours.peakRssBytes?.median);
    }
    const curlInstalled = (await runCommand("curl", ["--version"]).catch(() => undefined))?.code === 0;
    for (const curl of d.tools.filter((t) => t.tool.startsWith("curl"))) {
      if (curlInstalled) {
        expect(curl.error, curl.error).toBeUndefined();
        finitePositive(curl.throughputMBps?.median);
      } else {
        expect(curl.error).toMatch(/curl|ENOENT/);
      }
    }
    if (curlInstalled) {
      finitePositive(d.throughputRatio);
      finitePositive(d.noFsyncThroughputRatio);
      finitePositive(d.fsyncThroughputRatio);
    }
    const leftovers = (await readdir(scratch)).filter((name) => name.startsWith(DOWNLOAD_TEMP_PREFIX));
    expect(leftovers).toEqual([]);
  });

  it("engine: throttled and unthrottled tables, CPU per GiB, the replaced client rebuilt from history; temp files removed", async () => {
    const e = results.engine!;
    expect(e.capMBps).toBe(40);
    expect(e.throttled.map((t) => t.id)).toEqual(["ours-1", "ours-4", "ours-8", "curl", "aria2c"]);
    expect(e.unthrottled.map((t) => t.id)).toEqual(["ours-1", "curl", "curl-sha256", "old"]);
    const sameWork = e.unthrottled.find((t) => t.id === "curl-sha256")!;
    const has = async (tool: string, arg: string) => (await runCommand(tool, [arg]).catch(() => undefined))?.code === 0;
    if ((await has("curl", "--version")) && (await has("openssl", "version"))) {
      expect(sameWork.error, sameWork.error).toBeUndefined();
      finitePositive(sameWork.cpuSecondsPerGiB?.median);
    }
    for (const ours of [...e.throttled, ...e.unthrottled].filter((t) => t.id.startsWith("ours") || t.id === "old")) {
      expect(ours.error, ours.error).toBeUndefined();
      finitePositive(ours.throughputMBps?.median);
      finitePositive(ours.peakRssBytes?.median);
    }
    // Capped at 40 MB/s per connection, one connection cannot exceed the cap (start-up included, it stays below).
    expect(e.throttled[0]!.throughputMBps!.median).toBeLessThan(40);
    expect(e.oldClientCommit).toMatch(/^[0-9a-f]{7,}$/);
    const leftovers = (await readdir(scratch)).filter((name) => name.startsWith(ENGINE_TEMP_PREFIX));
    expect(leftovers).toEqual([]);
  });

  it("pipeline: each step timed", () => {
    expect(results.pipeline!.steps).toHaveLength(1);
    expect(results.pipeline!.steps[0]!.ok).toBe(true);
    finitePositive(results.pipeline!.steps[0]!.ms);
  });

  it("writes the report to the temp path, not over BENCHMARKS.md, with a verdict per target", () => {
    const report = readFileSync(reportPath, "utf8");
    for (const heading of ["# Benchmarks", "## Targets", "## Machine and versions", "## 1. Signing", "## 2. Client overhead per call", "## 3. Footprint", "## 4. Pipeline", "## 5. Downloads", "## 6. Download engine: connections, curl, aria2c, the replaced client"]) {
      expect(report).toContain(`${heading}\n`);
    }
    expect(report).toContain("Generated by `vitest smoke run`");
    const rows = targetRows(results);
    // 4 signing cases + 2 clients + 7 bundles + 3 download throughput pairs + RSS + 4 engine targets
    expect(rows).toHaveLength(21);
    // aria2c may be missing in the smoke run (it is not installed there), and curl's CPU time for 8 MiB rounds to
    // 0.00 s (no ratio): those two rows alone may be n/a.
    const mayBeUnmeasured = new Set(["ranged-vs-aria2", "engine-cpu"]);
    for (const row of rows) {
      expect(mayBeUnmeasured.has(row.target.id) ? ["pass", "FAIL", "n/a"] : ["pass", "FAIL"], `${row.target.id}: ${row.measured}`).toContain(row.verdict);
    }
    const current = existsSync(BENCHMARKS_MD) ? readFileSync(BENCHMARKS_MD, "utf8") : undefined;
    expect(current).toBe(benchmarksBefore);
    expect(statSync(reportPath).size).toBeGreaterThan(1000);
  });
});
