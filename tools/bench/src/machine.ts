/** What a benchmark number depends on: the machine, its load, the runtime and the versions measured. */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_DIR, CLIENTS, REPO_ROOT } from "./paths.js";
import { runCommand } from "./proc.js";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramBytes: number;
  platform: string;
  node: string;
  loadAverage: [number, number, number];
  date: string;
}

export function machineInfo(now = new Date()): MachineInfo {
  const cpus = os.cpus();
  const [a, b, c] = os.loadavg();
  return {
    cpuModel: cpus[0]?.model.trim() || "unknown",
    cores: cpus.length,
    ramBytes: os.totalmem(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: [a ?? 0, b ?? 0, c ?? 0],
    date: now.toISOString(),
  };
}

export function currentLoad(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [a ?? 0, b ?? 0, c ?? 0];
}

function readVersion(packageJson: string): string {
  try {
    return (JSON.parse(readFileSync(packageJson, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "not installed";
  }
}

/** Versions of what was measured: ours from the workspace, the official SDKs and tools as installed for the bench. */
export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = {
    "@backup-links/core": readVersion(path.join(REPO_ROOT, "packages/core/package.json")),
  };
  for (const client of CLIENTS) {
    versions[`@backup-links/${client.id}`] = readVersion(path.join(REPO_ROOT, "packages", client.id, "package.json"));
  }
  versions["@backup-links/cli"] = readVersion(path.join(REPO_ROOT, "packages/cli/package.json"));
  for (const name of ["@huaweicloud/huaweicloud-sdk-core", "jdcloud-sdk-js", "esbuild", "openapi-fetch"]) {
    const dir = name === "openapi-fetch" ? path.join(REPO_ROOT, "packages/core/node_modules", name) : path.join(BENCH_DIR, "node_modules", name);
    versions[name] = readVersion(path.join(dir, "package.json"));
  }
  return versions;
}

export async function toolVersions(): Promise<Record<string, string>> {
  const first = async (command: string, args: string[]): Promise<string> => {
    try {
      const r = await runCommand(command, args, { timeoutMs: 20_000 });
      return r.code === 0 ? (r.stdout.trim().split("\n")[0] ?? "").trim() : "not available";
    } catch {
      return "not available";
    }
  };
  return {
    // "curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/..." -> "curl 7.88.1"
    curl: (await first("curl", ["--version"])).split(" ").slice(0, 2).join(" "),
    pnpm: await first("pnpm", ["--version"]),
    npm: await first("npm", ["--version"]),
  };
}

export async function gitCommit(): Promise<string | undefined> {
  const r = await runCommand("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT }).catch(() => undefined);
  return r && r.code === 0 ? r.stdout.trim() : undefined;
}
