/**
 * Renders a run as BENCHMARKS.md: a summary of the targets with pass/fail, the machine, then one section per
 * suite with the medians, the per-round spread and how each number was measured. Pure: data in, text out.
 */
import { findingsFor } from "./findings.js";
import type { BenchResults } from "./results.js";
import type { EngineToolResult } from "./suites/engine.js";
import type { RoundSummary } from "./stats.js";
import { TARGETS, verdict, type Target, type Verdict } from "./targets.js";

// ---------------------------------------------------------------------------------------------------------------
// number formatting

export function formatInt(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

export function formatRatio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? "—" : `${value.toFixed(2)}×`;
}

/** Bytes in the unit that reads best: B, kB (10^3) or MB (10^6). */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return "—";
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(2)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(0)} ms`;
}

/** `median (min–max)` of per-round values. */
function spread(summary: RoundSummary | undefined, format: (v: number) => string): string {
  if (summary === undefined) return "—";
  if (summary.rounds.length < 2) return format(summary.median);
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

function mark(v: Verdict): string {
  return v === "pass" ? "✅ pass" : v === "FAIL" ? "❌ FAIL" : "n/a";
}

/** Escapes table-breaking characters in free text. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// summary of targets

export interface TargetRow {
  target: Target;
  subject: string;
  measured: string;
  verdict: Verdict;
}

export function targetRows(results: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const c of results.signing?.cases ?? []) {
    rows.push({
      target: TARGETS.signingSpeedup,
      subject: `${c.algorithm}, ${c.request}`,
      measured: `${formatRatio(c.speedup)} (${formatInt(c.oursOpsPerSec.median)} vs ${formatInt(c.officialOpsPerSec.median)} ops/s)`,
      verdict: verdict(TARGETS.signingSpeedup, c.speedup),
    });
  }
  for (const c of results.client?.candidates ?? []) {
    if (c.kind !== "ours") continue;
    rows.push({
      target: TARGETS.clientOverhead,
      subject: c.label,
      measured: c.error !== undefined ? `not measured: ${c.error}` : `${formatRatio(c.p50Ratio)} (p50 ${c.p50Us?.median.toFixed(0)} µs)`,
      verdict: verdict(TARGETS.clientOverhead, c.p50Ratio),
    });
  }
  for (const b of results.footprint?.bundles ?? []) {
    if (b.kind !== "ours") continue;
    rows.push({
      target: TARGETS.bundleSize,
      subject: b.name,
      measured: b.error ?? formatBytes(b.gzipBytes),
      verdict: verdict(TARGETS.bundleSize, b.gzipBytes),
    });
  }
  const download = results.download;
  if (download !== undefined) {
    const tool = (name: string) => download.tools.find((t) => t.tool === name);
    const ours = tool("backup-links");
    const oursNoFsync = tool("backup-links --no-fsync");
    const size = formatBytes(download.fileBytes);
    const throughputRow = (subject: string, own: typeof ours, value: number | undefined) =>
      rows.push({
        target: TARGETS.downloadThroughput,
        subject,
        measured:
          own?.error !== undefined
            ? `not measured: ${own.error}`
            : `${formatRatio(value)} (${own?.throughputMBps?.median.toFixed(0)} MB/s)`,
        verdict: verdict(TARGETS.downloadThroughput, value),
      });
    throughputRow(`${size}: default (fsync before rename) vs curl`, ours, download.throughputRatio);
    throughputRow(`${size}: --no-fsync vs curl (same durability)`, oursNoFsync, download.noFsyncThroughputRatio);
    throughputRow(`${size}: default vs curl && sync FILE (same durability)`, ours, download.fsyncThroughputRatio);
    const rss = [ours?.peakRssBytes?.median, oursNoFsync?.peakRssBytes?.median].filter((v): v is number => v !== undefined);
    const peak = rss.length > 0 ? Math.max(...rss) : undefined;
    rows.push({
      target: TARGETS.downloadRss,
      subject: `${size}, either mode`,
      measured: formatBytes(peak),
      verdict: verdict(TARGETS.downloadRss, peak),
    });
  }
  const engine = results.engine;
  if (engine !== undefined) {
    const t = (id: string) => engine.throttled.find((row) => row.id === id);
    const eight = t("ours-8")?.throughputMBps?.median;
    const aria2 = t("aria2c")?.throughputMBps?.median;
    const fraction = eight === undefined ? undefined : eight / (8 * engine.capMBps);
    rows.push({
      target: TARGETS.rangedThroughput,
      subject: `${formatBytes(engine.fileBytes)}, ${engine.capMBps} MB/s per connection`,
      measured: eight === undefined ? "—" : `${eight.toFixed(0)} MB/s = ${formatRatio(fraction)} of ${8 * engine.capMBps}`,
      verdict: verdict(TARGETS.rangedThroughput, fraction),
    });
    const vsAria2 = eight !== undefined && aria2 !== undefined ? eight / aria2 : undefined;
    rows.push({
      target: TARGETS.rangedVsAria2,
      subject: "throttled, median MB/s",
      measured: formatRatio(vsAria2),
      verdict: verdict(TARGETS.rangedVsAria2, vsAria2),
    });
    const oursRss = engine.throttled.concat(engine.unthrottled).filter((row) => row.id.startsWith("ours")).map((row) => row.peakRssBytes?.median);
    const peaks = oursRss.filter((v): v is number => v !== undefined);
    const peak = peaks.length > 0 ? Math.max(...peaks) : undefined;
    rows.push({ target: TARGETS.downloadRss, subject: "engine, 1-8 connections", measured: formatBytes(peak), verdict: verdict(TARGETS.downloadRss, peak) });
    const u = (id: string) => engine.unthrottled.find((row) => row.id === id)?.cpuSecondsPerGiB?.median;
    const oursCpu = u("ours-1");
    const curlCpu = u("curl");
    const cpuRatio = oursCpu !== undefined && curlCpu !== undefined ? oursCpu / curlCpu : undefined;
    rows.push({
      target: TARGETS.engineCpu,
      subject: "unthrottled loopback",
      measured: oursCpu === undefined || curlCpu === undefined ? "—" : `${oursCpu.toFixed(2)} s vs ${curlCpu.toFixed(2)} s = ${formatRatio(cpuRatio)}`,
      verdict: verdict(TARGETS.engineCpu, cpuRatio),
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// sections

function machineSection(r: BenchResults): string {
  const m = r.machine;
  const load = (l: [number, number, number]) => l.map((v) => v.toFixed(2)).join(" / ");
  const rows = [
    ["date", m.date],
    ["command", `\`${r.command}\``],
    ["commit", r.commit ?? "—"],
    ["CPU", `${m.cpuModel}, ${m.cores} cores`],
    ["RAM", `${(m.ramBytes / 2 ** 30).toFixed(1)} GiB`],
    ["OS", m.platform],
    ["Node.js", m.node],
    ["load average (1/5/15 min) at start", load(m.loadAverage)],
    ["load average (1/5/15 min) at end", load(r.loadAverageAfter)],
    ["duration", `${r.durationSeconds.toFixed(0)} s`],
    ...Object.entries(r.tools).map(([k, v]) => [k, v]),
  ];
  const versions = Object.entries(r.versions).map(([k, v]) => [`\`${k}\``, v]);
  return [
    "## Machine and versions",
    "",
    "The machine is shared: other processes ran during the measurement (see the load average; 2.00 means both cores",
    "were busy on average). Every number is a median over rounds, with the per-round min–max in brackets.",
    "",
    table(["", ""], rows.map((row) => row.map(cell))),
    "",
    table(["package", "version"], versions),
  ].join("\n");
}

function signingSection(r: BenchResults): string {
  const s = r.signing;
  if (s === undefined) return "";
  const rows = s.cases.map((c) => [
    c.algorithm,
    cell(c.requestLine),
    spread(c.oursOpsPerSec, formatInt),
    `${cell(c.official)}: ${spread(c.officialOpsPerSec, formatInt)}`,
    formatRatio(c.speedup),
    `${formatInt(c.oursOpsPerCpuSec.median)} vs ${formatInt(c.officialOpsPerCpuSec.median)} (${formatRatio(c.cpuSpeedup)})`,
    c.signaturesEqual ? "identical" : "DIFFERENT",
    mark(verdict(TARGETS.signingSpeedup, c.speedup)),
  ]);
  return [
    "## 1. Signing",
    "",
    `Operations per second, ${s.rounds} rounds of at least ${s.throughput.minTimeMs} ms each after ${s.throughput.warmupIterations} warm-up calls; ours is awaited (it returns a Promise), the official signers are synchronous.`,
    "Before timing, each pair signed the same request with a fixed date and nonce and produced the identical",
    "`Authorization` header (the run aborts otherwise). Ours: `signSdkHmacSha256` / `signJdCloud2` of",
    "`@backup-links/core` over the same signed-header set as the official SDK (Huawei: `content-type;host;x-project-id;x-sdk-date`;",
    "JD: `accept;content-type;host;x-jdcloud-date;x-jdcloud-nonce`). Timed calls use the current time and a fresh nonce,",
    "as each SDK does per request. The JD SDK's default logger (`console.log` of every string to sign) is replaced by a no-op.",
    "The target is judged on wall-clock operations per second; operations per CPU-second of the whole process (all",
    "threads, including the thread pool where Web Crypto runs) are shown beside it because they vary less with the load.",
    "",
    table(["signer", "request", "ours (ops/s)", "official (ops/s)", "speedup", "per CPU-second: ours vs official", "signatures", "target ≥ 2×"], rows),
  ].join("\n");
}

function clientSection(r: BenchResults): string {
  const c = r.client;
  if (c === undefined) return "";
  const us = (v: number) => `${v.toFixed(0)} µs`;
  const rows = c.candidates.map((x) =>
    x.error !== undefined
      ? [cell(x.label), x.kind, "—", "—", "—", "—", cell(`not measured: ${x.error.slice(0, 200)}`)]
      : [
          cell(x.label),
          x.kind,
          spread(x.p50Us, us),
          spread(x.p99Us, us),
          x.kind === "baseline" ? "1.00× (baseline)" : `${formatRatio(x.p50Ratio)} (+${x.p50OverheadUs?.toFixed(0)} µs)`,
          x.kind === "baseline" ? "—" : formatRatio(x.p99Ratio),
          x.kind === "ours" ? mark(verdict(TARGETS.clientOverhead, x.p50Ratio)) : "",
        ],
  );
  return [
    "## 2. Client overhead per call",
    "",
    `Sequential calls to a local \`node:http\` server (127.0.0.1, its own process, keep-alive, fixed JSON body): ${c.latency.warmupCalls} warm-up calls each, then ${c.latency.calls} timed calls of each row per round, interleaved (one call of every row in turn, the order rotated every turn, so all rows sample the same stretch of machine time), ${c.rounds} rounds.`,
    "**Overhead = p50 latency of the client ÷ p50 latency of raw `fetch(url).then(r => r.json())` of the same URL.** A client",
    "call includes input checks, signing, building the request, the round trip, parsing and mapping the response.",
    "The Huawei Node.js SDK publishes no RDS/DDS/DCS package on npm (`npm view @huaweicloud/huaweicloud-sdk-rds` → 404), so its",
    "row is `@huaweicloud/huaweicloud-sdk-core`'s `HcClient.sendRequest` with the options the generated",
    "`RdsClient.showBackupDownloadLink` builds (the same runtime every generated Huawei client uses).",
    "",
    table(["client", "kind", "p50", "p99", "p50 vs raw fetch", "p99 vs raw fetch", "target ≤ 1.2×"], rows),
  ].join("\n");
}

function footprintSection(r: BenchResults): string {
  const f = r.footprint;
  if (f === undefined) return "";
  const parts = ["## 3. Footprint", ""];
  parts.push(
    "### Browser bundle",
    "",
    "`esbuild --bundle --minify --format=esm --platform=browser` of an entry that re-exports the client factory (so",
    "everything a client needs is kept), then gzip level 9.",
    "",
    table(
      ["package", "kind", "minified", "min+gzip", "target < 10 kB"],
      f.bundles.map((b) => [
        cell(b.name),
        b.kind,
        b.error !== undefined ? cell(b.error) : formatBytes(b.minifiedBytes),
        b.error !== undefined ? "—" : formatBytes(b.gzipBytes),
        b.kind === "ours" ? mark(verdict(TARGETS.bundleSize, b.gzipBytes)) : "",
      ]),
    ),
    "",
  );
  if (f.installs !== undefined) {
    parts.push(
      "### Install size",
      "",
      "Ours packed with `pnpm pack` (as published), the official packages from the registry; each set `npm install`ed",
      "into an empty project (`--ignore-scripts`, peer dependencies included as npm installs them); `du -sb node_modules`.",
      "",
      table(
        ["what", "kind", "installed", "node_modules", "packages"],
        f.installs.map((i) => [
          cell(i.name),
          i.kind,
          cell(i.installed.join(", ") || "—"),
          i.error !== undefined ? cell(`failed: ${i.error.slice(0, 200)}`) : formatBytes(i.bytes),
          i.packages === undefined ? "—" : String(i.packages),
        ]),
      ),
      "",
    );
  }
  if (f.coldImports !== undefined) {
    const ci = f.coldImports;
    parts.push(
      "### Cold import",
      "",
      `A fresh \`node --input-type=module -e "await import(...)"\` per run, ${ci.runs} runs each, interleaved; median wall time minus the median of the same process importing nothing (${formatMs(ci.baselineMs)}).`,
      "",
      table(
        ["module", "kind", "import time", "process total"],
        ci.results.map((c) => [
          cell(c.name),
          c.kind,
          c.error !== undefined ? cell(`failed: ${c.error}`) : formatMs(c.ms),
          formatMs(c.totalMs),
        ]),
      ),
      "",
    );
  }
  return parts.join("\n").trimEnd();
}

function pipelineSection(r: BenchResults): string {
  const p = r.pipeline;
  if (p === undefined) return "";
  return [
    "## 4. Pipeline",
    "",
    `In a fresh \`git clone\` of the committed HEAD${p.commit ? ` (${p.commit})` : ""} in a temp dir, so the cold build has no turbo cache and no \`dist/\`,`,
    "and the working tree others test against is not rewritten. One run each (a cold build cannot be repeated without",
    "repeating the clone).",
    "",
    table(
      ["step", "command", "wall time", "result"],
      p.steps.map((s) => [cell(s.name), `\`${cell(s.command)}\``, formatMs(s.ms), s.ok ? "ok" : cell(`failed: ${(s.error ?? "").slice(0, 300)}`)]),
    ),
  ].join("\n");
}

function downloadSection(r: BenchResults): string {
  const d = r.download;
  if (d === undefined) return "";
  const mbps = (v: number) => `${v.toFixed(0)} MB/s`;
  const rows = d.tools.map((t) =>
    t.error !== undefined
      ? [cell(t.label), "—", "—", "—", cell(`not measured: ${t.error.slice(0, 300)}`)]
      : [cell(t.label), spread(t.throughputMBps, mbps), spread(t.wallThroughputMBps, mbps), spread(t.peakRssBytes, formatBytes), ""],
  );
  const ours = d.tools.find((t) => t.tool === "backup-links");
  const oursNoFsync = d.tools.find((t) => t.tool === "backup-links --no-fsync");
  const peaks = [ours?.peakRssBytes?.median, oursNoFsync?.peakRssBytes?.median].filter((v): v is number => v !== undefined);
  const peak = peaks.length > 0 ? Math.max(...peaks) : undefined;
  return [
    "## 5. Downloads",
    "",
    `One ${formatBytes(d.fileBytes)} file (${d.sparse ? "sparse, created with truncate" : "random bytes"}) served over loopback by \`node:http\` streaming it`,
    `from a temp dir (its own process), downloaded to disk by each tool in a fresh process, ${d.rounds} rounds in a balanced order (each tool runs right after each other tool equally often).`,
    "Every run starts from a settled disk: each copy is deleted right after its run, then a `sync` (not timed) commits",
    "the deletion, so no run pays for an earlier run's freed blocks.",
    "Throughput = bytes ÷ transfer time as each tool reports it (curl `%{time_total}`; the driver's clock around",
    "`downloadFile`); the wall-clock column includes process start-up. By default the CLI fsyncs the file before",
    "renaming it into place and curl does not: `--no-fsync` (library option `fsync: false`) and `curl … && sync FILE`",
    "(the sync's time included) are the like-for-like pairs. Peak RSS of the whole process",
    `(${d.rssMethod === "gnu-time" ? "GNU time `%M`" : "/proc/<pid>/status VmHWM"}). MB = 10^6 bytes.`,
    "",
    table(["tool", "throughput", "wall-clock throughput", "peak RSS", "note"], rows),
    "",
    table(
      ["ratio", "value", "target"],
      [
        ["default ÷ curl", formatRatio(d.throughputRatio), `${mark(verdict(TARGETS.downloadThroughput, d.throughputRatio))} (≥ 0.9×)`],
        ["--no-fsync ÷ curl", formatRatio(d.noFsyncThroughputRatio), `${mark(verdict(TARGETS.downloadThroughput, d.noFsyncThroughputRatio))} (≥ 0.9×)`],
        ["default ÷ (curl && sync FILE)", formatRatio(d.fsyncThroughputRatio), `${mark(verdict(TARGETS.downloadThroughput, d.fsyncThroughputRatio))} (≥ 0.9×)`],
        ["wall-clock: default ÷ curl", formatRatio(d.wallThroughputRatio), ""],
        ["peak RSS of backup-links (either mode)", formatBytes(peak), `${mark(verdict(TARGETS.downloadRss, peak))} (< 150 MB)`],
      ],
    ),
  ].join("\n");
}

function engineSection(r: BenchResults): string {
  const e = r.engine;
  if (e === undefined) return "";
  const mbps = (v: number) => `${v.toFixed(0)} MB/s`;
  const seconds = (v: number) => `${v.toFixed(2)} s`;
  const row = (t: EngineToolResult, columns: Array<(t: EngineToolResult) => string>) =>
    t.error !== undefined ? [cell(t.label), ...columns.map(() => "—"), cell(`not measured: ${t.error.slice(0, 300)}`)] : [cell(t.label), ...columns.map((c) => c(t)), ""];
  const throughput = (t: EngineToolResult) => spread(t.throughputMBps, mbps);
  const rss = (t: EngineToolResult) => spread(t.peakRssBytes, formatBytes);
  const cpu = (t: EngineToolResult) => spread(t.cpuSecondsPerGiB, seconds);
  const find = (id: string) => e.unthrottled.find((t) => t.id === id);
  const ratioTo = (id: string, pick: (t: EngineToolResult) => number | undefined) => {
    const ours = find("ours-1");
    const other = find(id);
    const a = ours === undefined ? undefined : pick(ours);
    const b = other === undefined ? undefined : pick(other);
    return a !== undefined && b !== undefined ? formatRatio(a / b) : "—";
  };
  return [
    "## 6. Download engine: connections, curl, aria2c, the replaced client",
    "",
    `One ${formatBytes(e.fileBytes)} file (sparse) served over loopback by \`object-store-server.mjs\` (its own process: ranges, ETag, If-Match),`,
    `each tool in a fresh process writing to disk without fsync, ${e.rounds} rounds in a balanced order, disk settled (\`sync\`) between runs.`,
    "MB/s = bytes ÷ process wall time (start-up included). Peak RSS of the whole process",
    `(${e.rssMethod === "gnu-time" ? "GNU time `%M`" : "/proc/<pid>/status VmHWM"}); CPU = user + system seconds (GNU time), per GiB. MB = 10^6 bytes.`,
    "Ours computes the SHA-256 of every file (for `<name>.sha256`); curl and aria2c compute nothing, so the unthrottled",
    "table also has curl doing the same work as ours (`curl | tee FILE | openssl dgst -sha256`, the whole pipeline's CPU).",
    "",
    `### (a) Each connection capped at ${e.capMBps} MB/s (an object store over a WAN)`,
    "",
    table(["tool", "throughput", "CPU per GiB", "peak RSS", "note"], e.throttled.map((t) => row(t, [throughput, cpu, rss]))),
    "",
    "### (b) Unthrottled loopback (CPU-bound on this machine)",
    "",
    table(["tool", "throughput", "CPU per GiB", "peak RSS", "note"], e.unthrottled.map((t) => row(t, [throughput, cpu, rss]))),
    "",
    table(
      ["ratio (one connection, unthrottled)", "value"],
      [
        ["ours ÷ curl, MB/s", ratioTo("curl", (t) => t.throughputMBps?.median)],
        ["ours ÷ curl, CPU per GiB", ratioTo("curl", (t) => t.cpuSecondsPerGiB?.median)],
        [cell("ours ÷ (curl | tee | openssl dgst -sha256), MB/s"), ratioTo("curl-sha256", (t) => t.throughputMBps?.median)],
        [cell("ours ÷ (curl | tee | openssl dgst -sha256), CPU per GiB"), ratioTo("curl-sha256", (t) => t.cpuSecondsPerGiB?.median)],
        [`ours ÷ replaced hand-written client${e.oldClientCommit === undefined ? "" : ` (${e.oldClientCommit})`}, MB/s`, ratioTo("old", (t) => t.throughputMBps?.median)],
        ["ours ÷ replaced hand-written client, CPU per GiB", ratioTo("old", (t) => t.cpuSecondsPerGiB?.median)],
      ],
    ),
  ].join("\n");
}

export function renderBenchmarksMarkdown(results: BenchResults): string {
  const rows = targetRows(results);
  const failed = [...new Set(rows.filter((r) => r.verdict === "FAIL").map((r) => r.target.id))];
  const findings = failed.map((id) => findingsFor(id)).filter((text): text is string => text !== undefined);
  const sections = [
    "# Benchmarks",
    "",
    `Generated by \`${results.command}\` (tools/bench) on ${results.machine.date}. Do not edit by hand: run it again.`,
    "",
    "## Targets",
    "",
    table(
      ["target", "subject", "measured", "verdict"],
      rows.map((r) => [cell(r.target.text), cell(r.subject), cell(r.measured), mark(r.verdict)]),
    ),
    ...(results.suiteErrors.length > 0
      ? ["", "Suites that could not run:", "", ...results.suiteErrors.map((e) => `- ${e.suite}: ${cell(e.message.slice(0, 400))}`)]
      : []),
    ...(findings.length > 0 ? ["", "## Why targets are missed", "", ...findings.flatMap((f) => [f, ""])] : []),
    "",
    machineSection(results),
    signingSection(results),
    clientSection(results),
    footprintSection(results),
    pipelineSection(results),
    downloadSection(results),
    engineSection(results),
  ];
  return `${sections.filter((s) => s !== "").join("\n\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
