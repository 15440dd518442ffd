/**
 * The packages this repository publishes that these tests cover (core and the seven clients), and how to pack them
 * the way a release does: `pnpm pack`, which rewrites `workspace:^` dependencies to real version ranges.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const run = promisify(execFile);
export const REPO_ROOT = resolve(import.meta.dirname, "../../..");

export interface PublishedPackage {
  name: string;
  dir: string;
  /** The factory a client exports; undefined for core. */
  factory?: string;
}

const CLIENTS: Array<[id: string, factory: string]> = [
  ["otc-rds", "createOtcRdsClient"],
  ["huaweicloud-rds", "createHuaweiCloudRdsClient"],
  ["otc-dds", "createOtcDdsClient"],
  ["huaweicloud-dds", "createHuaweiCloudDdsClient"],
  ["huaweicloud-dcs", "createHuaweiCloudDcsClient"],
  ["otc-dcs", "createOtcDcsClient"],
  ["jdcloud-rds", "createJdCloudRdsClient"],
];

export const CLIENT_PACKAGES: PublishedPackage[] = CLIENTS.map(([id, factory]) => ({
  name: `@backup-links/${id}`,
  dir: join(REPO_ROOT, "packages", id),
  factory,
}));
export const PUBLISHED_PACKAGES: PublishedPackage[] = [
  { name: "@backup-links/core", dir: join(REPO_ROOT, "packages/core") },
  ...CLIENT_PACKAGES,
];

/** Packs every published package into a new temporary folder; returns package name -> tarball path. */
export async function packAll(): Promise<{ dir: string; tarballs: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), "backup-links-packs-"));
  const tarballs: Record<string, string> = {};
  for (const pkg of PUBLISHED_PACKAGES) {
    const { version } = JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8")) as { version: string };
    await run("pnpm", ["pack", "--pack-destination", dir], { cwd: pkg.dir, env: { ...process.env, CI: "true" } });
    tarballs[pkg.name] = join(dir, `${pkg.name.replace("@", "").replace("/", "-")}-${version}.tgz`);
  }
  return { dir, tarballs };
}
