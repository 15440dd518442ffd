import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockCloud, type MockCloud } from "@backup-links/mock";
import { EXIT } from "../src/cli/exit-codes.js";
import { MANIFEST_FILE } from "../src/sync/manifest.js";
import { sha256File, tempDir } from "./helpers/tmp.js";
import { mockTarget, runSyncCli, stamp, writeConfig } from "./helpers/sync.js";

let cloud: MockCloud;
let dir: string;
let destination: string;

beforeEach(async () => {
  cloud = await startMockCloud({ seed: "sync-manifest", fileSize: 5_000, anchor: new Date(Date.now() - 30 * 60_000) });
  dir = await tempDir("backup-links-sync-manifest-");
  destination = path.join(dir, "copies");
});
afterEach(async () => {
  await cloud.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

const api = "otc-rds";
const latestFull = () =>
  cloud
    .instance(api)
    .backups.filter((backup) => backup.status === "completed" && backup.kind !== "incremental")
    .sort((a, b) => (b.finishedAt! < a.finishedAt! ? -1 : 1))[0]!;

/** Syncs once, then hands back the copy's directory and its manifest (parsed) for tampering. */
async function firstCopy(): Promise<{ config: string; copy: string; manifest: Record<string, unknown> }> {
  const config = await writeConfig(dir, { targets: [mockTarget(cloud, api, destination)] });
  expect((await runSyncCli(["--config", config])).code).toBe(EXIT.OK);
  const backup = latestFull();
  const copy = path.join(destination, api, cloud.instance(api).id, `${stamp(backup.startedAt)}_${backup.id}`);
  const manifest = JSON.parse(await fs.readFile(path.join(copy, MANIFEST_FILE), "utf8")) as Record<string, unknown>;
  return { config, copy, manifest };
}

describe("sync with a corrupt manifest in a copy", () => {
  it("never deletes or reads files outside the copy named by a manifest's file path", async () => {
    const { config, copy, manifest } = await firstCopy();
    // Four levels up from the copy is `dir`: a file sync must never touch.
    const victim = path.join(dir, "victim.txt");
    await fs.writeFile(victim, "not a backup");
    await fs.writeFile(`${victim}.part`, "not a partial file");
    const files = manifest.files as Array<Record<string, unknown>>;
    files[0] = { ...files[0], path: "../../../../victim.txt" };
    await fs.writeFile(path.join(copy, MANIFEST_FILE), JSON.stringify(manifest));

    const run = await runSyncCli(["--config", config, "--json"]);
    expect(await fs.readFile(victim, "utf8")).toBe("not a backup");
    expect(await fs.readFile(`${victim}.part`, "utf8")).toBe("not a partial file");
    expect(run.code).toBe(EXIT.OK);
    // The copy was made again, and its manifest is sound once more.
    const backup = latestFull();
    const fresh = JSON.parse(await fs.readFile(path.join(copy, MANIFEST_FILE), "utf8")) as { files: Array<{ path: string; sha256: string }> };
    expect(fresh.files.map((file) => file.path).sort()).toEqual(backup.files.map((file) => file.name).sort());
    for (const file of fresh.files) expect(await sha256File(path.join(copy, file.path))).toBe(file.sha256);
  });

  it("copies the backup again when the manifest lacks its backup record or has malformed files", async () => {
    for (const broken of [
      (m: Record<string, unknown>) => ({ ...m, backup: undefined }),
      (m: Record<string, unknown>) => ({ ...m, files: [{ path: 7 }] }),
      (m: Record<string, unknown>) => ({ ...m, backup: { ...(m.backup as object), startedAt: 20261201 } }),
    ]) {
      const { config, copy, manifest } = await firstCopy();
      await fs.writeFile(path.join(copy, MANIFEST_FILE), JSON.stringify(broken(manifest)));
      const run = await runSyncCli(["--config", config, "--json"]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT.OK, stderr: expect.any(String) });
      expect(JSON.parse(run.stdout).targets[0]).toMatchObject({ status: "copied" });
      await fs.rm(destination, { recursive: true, force: true });
    }
  });
});

describe("sync resuming an unfinished copy (no manifest yet)", () => {
  it("downloads again a file whose bytes no longer match its .sha256, instead of skipping it by its size", async () => {
    const { config, copy, manifest } = await firstCopy();
    const [first] = manifest.files as Array<{ path: string; sha256: string; sizeBytes: number }>;
    const file = path.join(copy, first!.path);
    // The run that downloaded the file stopped before writing the manifest; since then a byte has changed.
    await fs.rm(path.join(copy, MANIFEST_FILE));
    const bytes = await fs.readFile(file);
    bytes[0] = bytes[0]! ^ 0xff;
    await fs.writeFile(file, bytes);

    const dry = await runSyncCli(["--config", config, "--json", "--dry-run"]);
    expect(JSON.parse(dry.stdout).targets[0].backups[0]).toMatchObject({
      action: "would re-copy",
      reason: `an unfinished copy differs from its checksum files (${first!.path}: SHA-256 differs from ${first!.path}.sha256)`,
    });

    const run = await runSyncCli(["--config", config, "--json"]);
    expect(run.code).toBe(EXIT.OK);
    expect(JSON.parse(run.stdout).targets[0].backups[0]).toMatchObject({ action: "copied" });
    expect(await sha256File(file)).toBe(first!.sha256);
    const fresh = JSON.parse(await fs.readFile(path.join(copy, MANIFEST_FILE), "utf8")) as { files: Array<{ path: string; sha256: string }> };
    expect(fresh.files.find((entry) => entry.path === first!.path)?.sha256).toBe(first!.sha256);
  });
});
