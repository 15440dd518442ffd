/**
 * Runs a command and measures its wall time and peak resident set size. GNU time (`/usr/bin/time -f %M`, the
 * child's max RSS from wait4) when it is installed; otherwise VmHWM from /proc/<pid>/status, polled every 20 ms
 * (VmHWM is the kernel's own high-water mark, so the last reading before exit misses at most the final 20 ms).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { makeTempDir, removeTempDir } from "./temp-dirs.js";

export type RssMethod = "gnu-time" | "proc-vmhwm";

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssBytes: number | undefined;
  /** User + system CPU seconds of the process (GNU time `%U` + `%S`; undefined without GNU time). */
  cpuSeconds: number | undefined;
  rssMethod: RssMethod;
}

const GNU_TIME = "/usr/bin/time";

export function rssMethod(): RssMethod {
  return existsSync(GNU_TIME) ? "gnu-time" : "proc-vmhwm";
}

async function readVmHwm(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

export async function runMeasured(command: string, args: string[], options: { timeoutMs: number; cwd?: string }): Promise<MeasuredRun> {
  const method = rssMethod();
  const scratch = method === "gnu-time" ? await makeTempDir("backup-links-bench-time-") : undefined;
  const timeFile = scratch === undefined ? undefined : path.join(scratch, "rss");
  const [file, argv] =
    timeFile === undefined ? [command, args] : [GNU_TIME, ["-f", "%M %U %S", "-o", timeFile, command, ...args]];
  try {
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr = (stderr + c).slice(-16_384)));
    let polled: number | undefined;
    const poller =
      method === "proc-vmhwm" && child.pid !== undefined
        ? setInterval(() => {
            void readVmHwm(child.pid!).then((v) => {
              if (v !== undefined) polled = Math.max(polled ?? 0, v);
            });
          }, 20)
        : undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (c) => resolve(c));
    });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    clearTimeout(timer);
    if (poller) clearInterval(poller);
    let peakRssBytes = polled;
    let cpuSeconds: number | undefined;
    if (timeFile !== undefined) {
      // The last line is "<max RSS kB> <user s> <system s>" (earlier lines: "Command exited with non-zero status").
      const [kb, user, system] = ((await readFile(timeFile, "utf8").catch(() => "")).trim().split("\n").pop() ?? "").split(" ").map(Number);
      peakRssBytes = kb !== undefined && Number.isFinite(kb) && kb > 0 ? kb * 1024 : undefined;
      cpuSeconds = user !== undefined && system !== undefined && Number.isFinite(user + system) ? user + system : undefined;
    }
    return { code, stdout, stderr, wallMs, peakRssBytes, cpuSeconds, rssMethod: method };
  } finally {
    if (scratch !== undefined) await removeTempDir(scratch);
  }
}
