import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import type { ApiId } from "@backup-links/core";
import { DEFAULT_MOCK_ACCOUNT, type MockCloud } from "@backup-links/mock";
import { nodeFetch } from "../../src/links/node-fetch.js";
import { runCaptured, type Captured } from "./run.js";

/** The mock cloud's account, under variable names a config file refers to. */
export const SYNC_ENV = { MOCK_AK: DEFAULT_MOCK_ACCOUNT.accessKey, MOCK_SK: DEFAULT_MOCK_ACCOUNT.secretKey };
export const MOCK_CREDENTIALS = { accessKeyVariable: "MOCK_AK", secretKeyVariable: "MOCK_SK" };

/** A target of the mock cloud's `api` (main instance unless given), latest full backup, into `destination`. */
export function mockTarget(cloud: MockCloud, api: ApiId, destination: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: api,
    api,
    ...(api === "jdcloud-rds" ? { region: "cn-north-1" } : { projectId: cloud.projectId }),
    endpoint: cloud.urls[api],
    instances: [cloud.instance(api).id],
    select: { latest: "full" },
    destination,
    keep: 2,
    credentials: MOCK_CREDENTIALS,
    ...extra,
  };
}

export async function writeConfig(dir: string, config: unknown, name = "sync.yaml"): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, typeof config === "string" ? config : stringify(config));
  return file;
}

/** `backup-links sync --config FILE ...` in-process, with real HTTP to the mock cloud. */
export function runSyncCli(args: string[], options: { env?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Captured> {
  return runCaptured(["sync", ...args], { env: options.env ?? SYNC_ENV, fetch: nodeFetch, ...(options.signal ? { signal: options.signal } : {}) });
}

/** Every file under `dir` (relative path, size, SHA-256, mode and mtime), hashed: equal before and after = untouched. */
export async function treeHash(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (current: string): Promise<void> => {
    const entries = await fs.readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      const stat = await fs.stat(full);
      hash.update(`${path.relative(dir, full)}\0${stat.mode}\0${stat.mtimeMs}\0${stat.size}\0`);
      if (entry.isDirectory()) await walk(full);
      else hash.update(await fs.readFile(full));
    }
  };
  await walk(dir);
  return hash.digest("hex");
}

/** The copy directories of an instance, sorted. */
export async function copies(destination: string, api: ApiId, instanceId: string): Promise<string[]> {
  return (await fs.readdir(path.join(destination, api, instanceId)).catch(() => [] as string[])).filter((name) => !name.startsWith(".")).sort();
}

/** `20261202T031500Z` of an ISO time. */
export const stamp = (iso: string): string => iso.slice(0, 19).replace(/[-:]/g, "") + "Z";
