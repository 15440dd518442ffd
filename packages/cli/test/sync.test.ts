import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockCloud, type MockCloud } from "@backup-links/mock";
import { EXIT } from "../src/cli/exit-codes.js";
import { LOCK_FILE } from "../src/sync/lock.js";
import { MANIFEST_FILE, type Manifest } from "../src/sync/manifest.js";
import { sha256File, tempDir } from "./helpers/tmp.js";
import { SYNC_ENV, copies, mockTarget, runSyncCli, stamp, treeHash, writeConfig } from "./helpers/sync.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

let cloud: MockCloud;
let dir: string;
let destination: string;

beforeEach(async () => {
  // Half an hour back, so no seeded backup sits exactly on a day boundary of a `lastDays` window.
  cloud = await startMockCloud({ seed: "sync-e2e", fileSize: 20_000, anchor: new Date(Date.now() - 30 * 60_000) });
  dir = await tempDir("backup-links-sync-");
  destination = path.join(dir, "copies");
});
afterEach(async () => {
  await cloud.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

const readManifest = async (copyDir: string): Promise<Manifest> => JSON.parse(await fs.readFile(path.join(copyDir, MANIFEST_FILE), "utf8")) as Manifest;

/** The newest completed full backup of an API's main instance, as the mock holds it. */
const latestFull = (api: "otc-rds" | "huaweicloud-dds" | "otc-dcs" | "jdcloud-rds" | "huaweicloud-rds" | "otc-dds" | "huaweicloud-dcs") =>
  cloud
    .instance(api)
    .backups.filter((backup) => backup.status === "completed" && backup.kind !== "incremental")
    .sort((a, b) => (b.finishedAt! < a.finishedAt! ? -1 : 1))[0]!;

const copyName = (backup: { startedAt: string; id: string }): string => `${stamp(backup.startedAt)}_${backup.id}`;

describe("backup-links sync against the mock cloud", () => {
  it("first copy, rerun skips, tonight's backup is copied, retention prunes the oldest", async () => {
    const api = "otc-rds";
    const instance = cloud.instance(api).id;
    const config = await writeConfig(dir, { targets: [mockTarget(cloud, api, destination)] });
    const first = latestFull(api);

    const run1 = await runSyncCli(["--config", config, "--json"]);
    expect(run1.code).toBe(EXIT.OK);
    const report1 = JSON.parse(run1.stdout);
    expect(report1).toMatchObject({ type: "sync-report", ok: true, dryRun: false, interrupted: false, config });
    expect(report1.targets).toEqual([
      {
        target: api,
        api,
        instanceId: instance,
        status: "copied",
        backups: [
          {
            id: first.id,
            type: "full",
            startedAt: first.startedAt,
            action: "copied",
            bytes: first.files[0]!.size,
            path: path.join(destination, api, instance, copyName(first)),
          },
        ],
        pruned: [],
        bytes: first.files[0]!.size,
        durationMs: expect.any(Number),
      },
    ]);
    expect(await copies(destination, api, instance)).toEqual([copyName(first)]);
    const copyDir = path.join(destination, api, instance, copyName(first));
    const manifest = await readManifest(copyDir);
    const content = cloud.fileContent(api, first.id, first.files[0]!.name);
    expect(manifest).toEqual({
      format: "backup-links-sync/1",
      api,
      instanceId: instance,
      target: api,
      backup: {
        id: first.id,
        name: first.name,
        type: "full",
        startedAt: first.startedAt,
        finishedAt: first.finishedAt,
        sizeBytes: Math.round(first.files[0]!.size / 1024) * 1024,
        engine: "MySQL",
      },
      files: [{ name: first.files[0]!.name, path: first.files[0]!.name, sizeBytes: content.size, sha256: content.sha256() }],
      copiedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      tool: { name: "backup-links", version: expect.any(String) },
    });
    expect(await sha256File(path.join(copyDir, first.files[0]!.name))).toBe(content.sha256());
    // The lock is gone after the run; the secret never shows.
    expect(await fs.readdir(destination)).toEqual([api]);
    expect(run1.stdout + run1.stderr).not.toContain(SYNC_ENV.MOCK_SK);
    expect(run1.stdout + run1.stderr).not.toContain("Signature=");

    const downloadsBefore = cloud.requests.filter((request) => request.target === "object-store").length;
    const run2 = await runSyncCli(["--config", config]);
    expect(run2.code).toBe(EXIT.OK);
    expect(run2.stdout).toContain(`${first.id}  ${first.startedAt.slice(0, 19)}Z  full  skipped`);
    expect(run2.stdout).toContain("0 copied (0 B), 1 up to date, 0 failed; 0 old copies pruned;");
    expect(cloud.requests.filter((request) => request.target === "object-store").length).toBe(downloadsBefore);

    const tonight = cloud.addBackup({ api });
    const run3 = await runSyncCli(["--config", config, "--json"]);
    expect(run3.code).toBe(EXIT.OK);
    expect(JSON.parse(run3.stdout).targets[0]).toMatchObject({ status: "copied", backups: [{ id: tonight.id, action: "copied" }], pruned: [] });
    expect(await copies(destination, api, instance)).toEqual([copyName(first), copyName(tonight)].sort());

    const tomorrow = cloud.addBackup({ api, startedAt: new Date(Date.now() - 60_000) });
    const run4 = await runSyncCli(["--config", config, "--json"]);
    expect(run4.code).toBe(EXIT.OK);
    expect(JSON.parse(run4.stdout).targets[0]).toMatchObject({
      status: "copied",
      backups: [{ id: tomorrow.id, action: "copied" }],
      pruned: [{ backupId: first.id, startedAt: first.startedAt, path: copyDir }],
    });
    expect(await copies(destination, api, instance)).toEqual([copyName(tonight), copyName(tomorrow)].sort());
  });

  it("every backup within the last days, of every API family, each file verified", async () => {
    const targets = (["huaweicloud-dds", "otc-dcs", "jdcloud-rds"] as const).map((api) =>
      mockTarget(cloud, api, destination, { select: { lastDays: 2 }, keep: 5 }),
    );
    const config = await writeConfig(dir, { concurrency: 3, targets });
    const run = await runSyncCli(["--config", config, "--json"]);
    expect(run.code).toBe(EXIT.OK);
    const report = JSON.parse(run.stdout);
    for (const [index, api] of (["huaweicloud-dds", "otc-dcs", "jdcloud-rds"] as const).entries()) {
      const instance = cloud.instance(api);
      // 2.5 days back: the night 48.5 hours ago is out, the manual backup of 20.5 hours ago is in (the failed and running ones never are).
      const expected = instance.backups.filter((backup) => backup.status === "completed" && Date.parse(backup.startedAt) >= Date.now() - 2 * 86_400_000);
      expect(expected).toHaveLength(1);
      expect(report.targets[index].backups.map((backup: { id: string; action: string }) => [backup.id, backup.action])).toEqual(
        expected.map((backup) => [backup.id, "copied"]),
      );
      const manifest = await readManifest(path.join(destination, api, instance.id, copyName(expected[0]!)));
      expect(manifest.files.map((file) => [file.name, file.sizeBytes, file.sha256])).toEqual(
        expected[0]!.files.map((file) => {
          const content = cloud.fileContent(api, expected[0]!.id, file.name);
          return [file.name, content.size, content.sha256()];
        }),
      );
    }
  });

  it("a corrupt local copy (one byte flipped) is detected and copied again", async () => {
    const api = "huaweicloud-dds";
    const config = await writeConfig(dir, { targets: [mockTarget(cloud, api, destination)] });
    expect((await runSyncCli(["--config", config])).code).toBe(EXIT.OK);
    const backup = latestFull(api);
    const file = path.join(destination, api, cloud.instance(api).id, copyName(backup), backup.files[1]!.name);
    const bytes = await fs.readFile(file);
    bytes[1234] = bytes[1234]! ^ 0xff;
    await fs.writeFile(file, bytes);

    const dry = await runSyncCli(["--config", config, "--dry-run", "--json"]);
    expect(JSON.parse(dry.stdout).targets[0].backups[0]).toMatchObject({
      action: "would re-copy",
      reason: `the copy differs from its manifest (${backup.files[1]!.name}: SHA-256 differs)`,
    });
    const run = await runSyncCli(["--config", config, "--json"]);
    expect(run.code).toBe(EXIT.OK);
    expect(JSON.parse(run.stdout).targets[0].backups[0]).toMatchObject({
      action: "copied",
      reason: `re-copied: ${backup.files[1]!.name}: SHA-256 differs`,
      bytes: backup.files[1]!.size,
    });
    expect(await sha256File(file)).toBe(cloud.fileContent(api, backup.id, backup.files[1]!.name).sha256());
  });

  it("a target with failed backups only fails with what it saw; missing credentials fail one target, the others run", async () => {
    const failing = mockTarget(cloud, "otc-rds", destination, { name: "failed-only", instances: [cloud.instance("otc-rds", "failedOnly").id] });
    const noCredentials = mockTarget(cloud, "otc-dcs", destination, {
      name: "other-account",
      credentials: { accessKeyVariable: "OTHER_ACCOUNT_AK", secretKeyVariable: "OTHER_ACCOUNT_SK" },
    });
    const good = mockTarget(cloud, "jdcloud-rds", destination, { name: "good" });
    const config = await writeConfig(dir, { targets: [failing, noCredentials, good] });
    const run = await runSyncCli(["--config", config]);
    expect(run.code).toBe(EXIT.SYNC_FAILED);
    const failedId = cloud.instance("otc-rds", "failedOnly").id;
    expect(run.stdout).toContain(`failed-only ${failedId}: failed: no downloadable full backup of instance ${failedId} among 3 backups (2 failed, 1 running)`);
    expect(run.stdout).toContain(
      `other-account ${cloud.instance("otc-dcs").id}: failed: credentials: not found in the environment: set OTHER_ACCOUNT_AK and OTHER_ACCOUNT_SK`,
    );
    expect(run.stdout).toMatch(new RegExp(`good +jdcloud-rds ${cloud.instance("jdcloud-rds").id} +${latestFull("jdcloud-rds").id} .* copied`));
    expect(run.stdout).toContain("1 copied (");
    expect(run.stdout).toContain("0 up to date, 2 failed;");
  });

  it("refuses a destination locked by a live process, takes over the lock of a dead one", async () => {
    const config = await writeConfig(dir, { targets: [mockTarget(cloud, "otc-rds", destination)] });
    await fs.mkdir(destination, { recursive: true });
    const lockFile = path.join(destination, LOCK_FILE);
    const live = { pid: process.pid, hostname: os.hostname(), startedAt: "2026-12-02T03:00:00.000Z" };
    await fs.writeFile(lockFile, JSON.stringify(live));
    const refused = await runSyncCli(["--config", config]);
    expect(refused.code).toBe(EXIT.SYNC_FAILED);
    expect(refused.stdout).toContain(`failed: locked by a running sync (PID ${process.pid} on ${os.hostname()}, since 2026-12-02T03:00:00.000Z)`);
    expect(await fs.readdir(destination)).toEqual([LOCK_FILE]);
    expect(JSON.parse(await fs.readFile(lockFile, "utf8"))).toEqual(live);

    // A process that has exited: its PID is free.
    const child = spawn(process.execPath, ["-e", ""]);
    const deadPid = await new Promise<number>((resolve) => child.on("exit", () => resolve(child.pid!)));
    await fs.writeFile(lockFile, JSON.stringify({ ...live, pid: deadPid }));
    const run = await runSyncCli(["--config", config]);
    expect(run.code).toBe(EXIT.OK);
    expect(run.stderr).toContain(`${destination}: took over a stale lock of PID ${deadPid} (${os.hostname()}), which is no longer running`);
    expect(await fs.readdir(destination)).toEqual(["otc-rds"]);
  });

  it("--dry-run prints the whole plan and touches nothing", async () => {
    const api = "otc-rds";
    const config = await writeConfig(dir, { targets: [mockTarget(cloud, api, destination, { keep: 1 })] });
    const untouched = await runSyncCli(["--config", config, "--dry-run"]);
    expect(untouched.code).toBe(EXIT.OK);
    await expect(fs.stat(destination)).rejects.toThrow("ENOENT");

    expect((await runSyncCli(["--config", config])).code).toBe(EXIT.OK);
    const old = latestFull(api);
    const tonight = cloud.addBackup({ api });
    const before = await treeHash(dir);
    const requests = cloud.requests.length;
    const dry = await runSyncCli(["--config", config, "--dry-run"]);
    expect(dry.code).toBe(EXIT.OK);
    expect(dry.stdout).toContain(`${tonight.id}  ${tonight.startedAt.slice(0, 19)}Z  full  would copy`);
    expect(dry.stdout).toContain(`would prune ${path.join(destination, api, cloud.instance(api).id, copyName(old))}`);
    expect(dry.stdout).toContain("Dry run: nothing was changed. 1 instance(s) planned; 1 copy(ies) would be pruned.");
    expect(await treeHash(dir)).toBe(before);
    // Only the list was read: no link asked for, no byte downloaded.
    expect(cloud.requests.slice(requests).map((request) => request.path)).toEqual([`/otc-rds/v3/${cloud.projectId}/backups`]);
  });

  it("Ctrl-C mid-download stops cleanly (130, no manifest); the next run resumes where it stopped", async () => {
    await cloud.stop();
    cloud = await startMockCloud({ seed: "sync-resume", fileSize: 2 * 1024 * 1024, bytesPerSecond: 1024 * 1024 });
    const api = "otc-rds";
    const config = await writeConfig(dir, { targets: [mockTarget(cloud, api, destination)] });
    const backup = latestFull(api);
    const copyDir = path.join(destination, api, cloud.instance(api).id, copyName(backup));
    const controller = new AbortController();
    const watcher = setInterval(() => {
      fs.stat(path.join(copyDir, `${backup.files[0]!.name}.part`))
        .then((stat) => stat.size > 256 * 1024 && controller.abort("SIGINT"))
        .catch(() => undefined);
    }, 50);
    const stopped = await runSyncCli(["--config", config], { signal: controller.signal }).finally(() => clearInterval(watcher));
    expect(stopped.code).toBe(EXIT.SIGINT);
    expect(stopped.stdout).toContain("interrupted");
    await expect(fs.stat(path.join(copyDir, MANIFEST_FILE))).rejects.toThrow("ENOENT");
    expect(await fs.readdir(destination)).toEqual([api]); // the lock is released

    const resumed = await runSyncCli(["--config", config, "--json"]);
    expect(resumed.code).toBe(EXIT.OK);
    const ranges = cloud.requests.filter((request) => request.target === "object-store" && request.range !== undefined).map((request) => request.range!);
    expect(ranges.some((range) => /^bytes=([1-9]\d*)-/.test(range) && Number(/=(\d+)/.exec(range)![1]) >= 256 * 1024)).toBe(true);
    expect((await readManifest(copyDir)).files[0]!.sha256).toBe(cloud.fileContent(api, backup.id, backup.files[0]!.name).sha256());
  }, 60_000);

  it("a sync killed with SIGKILL mid-download is resumed by the next run (stale lock taken over)", async () => {
    await cloud.stop();
    cloud = await startMockCloud({ seed: "sync-kill", fileSize: 3 * 1024 * 1024, bytesPerSecond: 1024 * 1024 });
    const api = "huaweicloud-rds";
    const config = await writeConfig(dir, { targets: [mockTarget(cloud, api, destination)] });
    const backup = latestFull(api);
    const copyDir = path.join(destination, api, cloud.instance(api).id, copyName(backup));
    const child = spawn(process.execPath, [BIN, "sync", "--config", config], { env: { ...SYNC_ENV, PATH: process.env.PATH ?? "" }, stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    for (let waited = 0; waited < 20_000; waited += 50) {
      const size = await fs.stat(path.join(copyDir, `${backup.files[0]!.name}.part`)).then((stat) => stat.size, () => 0);
      if (size > 512 * 1024) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(JSON.parse(await fs.readFile(path.join(destination, LOCK_FILE), "utf8"))).toMatchObject({ pid: child.pid });

    const run = await runSyncCli(["--config", config, "--json"]);
    expect(run.code).toBe(EXIT.OK);
    expect(run.stderr).toContain(`took over a stale lock of PID ${child.pid}`);
    expect(JSON.parse(run.stdout).targets[0].backups[0]).toMatchObject({ id: backup.id, action: "copied" });
    expect((await readManifest(copyDir)).files[0]!.sha256).toBe(cloud.fileContent(api, backup.id, backup.files[0]!.name).sha256());
    const ranges = cloud.requests.filter((request) => request.range !== undefined).map((request) => Number(/bytes=(\d+)-/.exec(request.range!)?.[1] ?? 0));
    expect(Math.max(...ranges)).toBeGreaterThan(0);
  }, 60_000);

  it("SIGTERM to a running sync: exit 143, the lock released, no manifest; the next run finishes the copy", async () => {
    await cloud.stop();
    cloud = await startMockCloud({ seed: "sync-term", fileSize: 3 * 1024 * 1024, bytesPerSecond: 1024 * 1024 });
    const api = "otc-dcs";
    const config = await writeConfig(dir, { targets: [mockTarget(cloud, api, destination)] });
    const backup = latestFull(api);
    const copyDir = path.join(destination, api, cloud.instance(api).id, copyName(backup));
    const child = spawn(process.execPath, [BIN, "sync", "--config", config], { env: { ...SYNC_ENV, PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    for (let waited = 0; waited < 20_000; waited += 50) {
      const size = await fs.stat(path.join(copyDir, `${backup.files[0]!.name}.part`)).then((stat) => stat.size, () => 0);
      if (size > 256 * 1024) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGTERM");
    expect(await exited).toBe(EXIT.SIGTERM);
    expect(stdout).toContain("interrupted");
    expect(await fs.readdir(destination)).toEqual([api]);
    await expect(fs.stat(path.join(copyDir, MANIFEST_FILE))).rejects.toThrow("ENOENT");
    const run = await runSyncCli(["--config", config]);
    expect(run.code).toBe(EXIT.OK);
    expect((await readManifest(copyDir)).files[0]!.sha256).toBe(cloud.fileContent(api, backup.id, backup.files[0]!.name).sha256());
  }, 60_000);
});
