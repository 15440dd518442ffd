/**
 * Measures `backup-links download` against curl: one large file over loopback, written to disk, each tool run as
 * its own process. Prints two throughputs: over the process's wall time (for us: Node's start-up and the API call
 * included) and over the transfer itself (curl's `%{time_total}`; our `done` event's `seconds`, from the first
 * request to the rename), and peak RSS (GNU time's "Maximum resident set size", else /proc/<pid>/status VmHWM
 * sampled while it runs).
 *
 *   pnpm --filter @backup-links/cli build
 *   pnpm --filter @backup-links/cli measure                      # 1 GiB, 3 runs each
 *   pnpm --filter @backup-links/cli measure --size-mib 256 --runs 5
 *
 * The script itself serves the file (a 1 MiB random block repeated, so nothing is read from disk) and a fake RDS
 * API that lists it, on 127.0.0.1. Each copy is checked by SHA-256 after the run (outside the timed part).
 * Targets: throughput at least 0.9x curl's, peak RSS under 150 MB.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, existsSync, promises as fs } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  // `pnpm measure -- --runs 5` passes the "--" through.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { "size-mib": { type: "string" }, runs: { type: "string" }, curl: { type: "string" }, dir: { type: "string" } },
  strict: true,
});
const SIZE = Number(values["size-mib"] ?? 1024) * 1024 * 1024;
const RUNS = Number(values.runs ?? 3);
const CURL = values.curl ?? "/usr/bin/curl";
const GNU_TIME = "/usr/bin/time";
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const BLOCK = randomBytes(1024 * 1024);

if (!existsSync(BIN)) throw new Error(`${BIN} missing: build @backup-links/cli first`);
if (!existsSync(CURL)) throw new Error(`${CURL} missing: pass --curl <path>`);

/** The served object: BLOCK repeated to SIZE bytes, with Range support like an object store. */
function serveObject(req: http.IncomingMessage, res: http.ServerResponse): void {
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
  const start = range ? Number(range[1]) : 0;
  const headers: Record<string, string | number> = {
    "content-type": "application/octet-stream",
    "content-length": SIZE - start,
    etag: '"bench"',
    "accept-ranges": "bytes",
  };
  if (range) headers["content-range"] = `bytes ${start}-${SIZE - 1}/${SIZE}`;
  res.writeHead(range ? 206 : 200, headers);
  let offset = start;
  const pump = (): void => {
    while (offset < SIZE) {
      const within = offset % BLOCK.length;
      const chunk = BLOCK.subarray(within, Math.min(BLOCK.length, within + (SIZE - offset)));
      offset += chunk.length;
      if (!res.write(chunk)) {
        res.once("drain", pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/objects/")) return serveObject(req, res);
    if (/^\/v3\/[^/]+\/backup-files/.test(req.url ?? "")) {
      const { port } = server.address() as AddressInfo;
      const body = JSON.stringify({
        files: [
          {
            name: "bench.bin",
            size: SIZE / 1024,
            download_link: `http://127.0.0.1:${port}/objects/bench.bin?Signature=bench`,
            link_expired_time: "2099-01-01T00:00:00+0000",
          },
        ],
        bucket: "bench",
      });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      return res.end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Run {
  seconds: number;
  /** The transfer alone, as the tool reports it. */
  transferSeconds: number;
  peakRssBytes: number;
}

/** Runs a command under GNU time (if present) and returns wall time, its stdout and peak RSS. */
async function measure(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  transferSeconds: (stdout: string) => number,
): Promise<Run> {
  const useTime = existsSync(GNU_TIME);
  const argv = useTime ? [GNU_TIME, "-v", command, ...args] : [command, ...args];
  const started = process.hrtime.bigint();
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdout.on("data", (chunk) => (stdout += chunk));
  let vmHwm = 0;
  const sampler = useTime
    ? undefined
    : setInterval(() => {
        fs.readFile(`/proc/${child.pid}/status`, "utf8")
          .then((status) => {
            const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
            vmHwm = Math.max(vmHwm, kb * 1024);
          })
          .catch(() => undefined);
      }, 20);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sampler) clearInterval(sampler);
  if (code !== 0) throw new Error(`${command} exited ${code}: ${stderr.slice(-500)}`);
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
  return { seconds, transferSeconds: transferSeconds(stdout), peakRssBytes: useTime ? rssKb * 1024 : vmHwm };
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 4 * 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function expectedSha256(): string {
  const hash = createHash("sha256");
  for (let offset = 0; offset < SIZE; offset += BLOCK.length) hash.update(BLOCK.subarray(0, Math.min(BLOCK.length, SIZE - offset)));
  return hash.digest("hex");
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const server = await startServer();
  const work = await fs.mkdtemp(path.join(values.dir ?? os.tmpdir(), "backup-links-measure-"));
  const expected = expectedSha256();
  const env = {
    PATH: process.env.PATH,
    OS_ACCESS_KEY: "BENCHAK",
    OS_SECRET_KEY: "bench-secret",
    OS_PROJECT_ID: "0123456789abcdef0123456789abcdef",
  };
  const tools = {
    curl: (dir: string) =>
      [
        CURL,
        ["-sS", "-w", "%{time_total}", "-o", path.join(dir, "bench.bin"), `${server.url}/objects/bench.bin?Signature=bench`],
        (stdout: string) => Number(stdout.trim()),
      ] as const,
    // --json: the `done` event says how long the transfer took (the other events cost nothing measurable).
    "backup-links": (dir: string) =>
      [
        process.execPath,
        [BIN, "download", "otc-rds", "--endpoint", server.url, "--backup-id", "bench", "--out", dir, "--json"],
        (stdout: string) =>
          stdout
            .trim()
            .split("\n")
            .map((line) => JSON.parse(line) as { type: string; seconds?: number })
            .find((event) => event.type === "done")!.seconds!,
      ] as const,
  };
  const results: Record<keyof typeof tools, Run[]> = { curl: [], "backup-links": [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      // Alternate the order so neither tool always runs on a warmer (or more crowded) machine.
      const order = (run % 2 === 0 ? ["curl", "backup-links"] : ["backup-links", "curl"]) as Array<keyof typeof tools>;
      for (const tool of order) {
        const dir = path.join(work, `${tool}-${run}`);
        await fs.mkdir(dir);
        const [command, args, transfer] = tools[tool](dir);
        const result = await measure(command, [...args], env, transfer);
        const digest = await sha256(path.join(dir, "bench.bin"));
        if (digest !== expected) throw new Error(`${tool} wrote a file that differs from the served one`);
        results[tool].push(result);
        process.stderr.write(
          `run ${run + 1}/${RUNS} ${tool}: wall ${result.seconds.toFixed(2)} s, transfer ${result.transferSeconds.toFixed(2)} s, peak RSS ${(result.peakRssBytes / 1e6).toFixed(1)} MB\n`,
        );
        await fs.rm(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
    await fs.rm(work, { recursive: true, force: true });
  }

  const mib = SIZE / 1024 / 1024;
  const rows = (Object.keys(results) as Array<keyof typeof tools>).map((tool) => {
    const seconds = median(results[tool].map((r) => r.seconds));
    const transfer = median(results[tool].map((r) => r.transferSeconds));
    const rss = Math.max(...results[tool].map((r) => r.peakRssBytes));
    return { tool, seconds, transfer, wallRate: mib / seconds, transferRate: mib / transfer, rssMB: rss / 1e6 };
  });
  const curl = rows.find((row) => row.tool === "curl")!;
  const ours = rows.find((row) => row.tool === "backup-links")!;
  const transferRatio = ours.transferRate / curl.transferRate;
  const wallRatio = ours.wallRate / curl.wallRate;
  console.log(
    `\n${mib.toFixed(0)} MiB over loopback into ${values.dir ?? os.tmpdir()}, ${RUNS} runs each (medians; highest peak RSS), ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}`,
  );
  console.log("| tool | wall s | MiB/s (wall) | transfer s | MiB/s (transfer) | peak RSS MB |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const row of rows) {
    console.log(
      `| ${row.tool} | ${row.seconds.toFixed(2)} | ${row.wallRate.toFixed(0)} | ${row.transfer.toFixed(2)} | ${row.transferRate.toFixed(0)} | ${row.rssMB.toFixed(1)} |`,
    );
  }
  const verdict = (ok: boolean): string => (ok ? "met" : "NOT met");
  console.log(`\nthroughput backup-links / curl: transfer ${transferRatio.toFixed(2)}x (target >= 0.90x: ${verdict(transferRatio >= 0.9)}), wall ${wallRatio.toFixed(2)}x (Node start-up and the API call included)`);
  console.log(`peak RSS backup-links: ${ours.rssMB.toFixed(1)} MB (target < 150 MB: ${verdict(ours.rssMB < 150)})`);
}

await main();
