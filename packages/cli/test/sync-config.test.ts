import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../src/cli/exit-codes.js";
import { parseSinceText, portableName } from "../src/sync/config.js";
import { runCaptured } from "./helpers/run.js";
import { treeHash, writeConfig } from "./helpers/sync.js";
import { tempDir } from "./helpers/tmp.js";

let dir: string;
beforeEach(async () => {
  dir = await tempDir("backup-links-sync-config-");
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A valid target, as YAML lines (indented for a `targets:` list); `replace` swaps whole lines. */
function target(lines: Record<string, string | null> = {}, name = "prod"): string {
  const base: Record<string, string> = {
    name: `  - name: ${name}`,
    api: "    api: otc-rds",
    region: "    region: eu-de",
    projectId: "    projectId: 0123456789abcdef0123456789abcdef",
    instances: "    instances: [43e4feaab48f11e89039fa163ebaa7e4in01]",
    select: "    select: { latest: full }",
    destination: "    destination: ./copies",
    keep: "    keep: 7",
  };
  return Object.entries({ ...base, ...lines })
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([, line]) => line)
    .join("\n");
}

/** Runs sync on `yaml`; every bad configuration must exit 6, send nothing and change nothing. */
async function rejects(yaml: string): Promise<string[]> {
  const file = await writeConfig(dir, yaml);
  const before = await treeHash(dir);
  const result = await runCaptured(["sync", "--config", file]);
  expect(result.code).toBe(EXIT.SYNC_CONFIG);
  expect(result.stdout).toBe("");
  expect(result.requests).toEqual([]);
  expect(await treeHash(dir)).toBe(before);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines.at(-1)).toBe("backup-links: the configuration is not valid; nothing was changed.");
  return lines.slice(0, -1).map((line) => line.replace(`${file}:`, "sync.yaml:").replace("backup-links: ", ""));
}

describe("backup-links sync: a bad configuration is refused with file, line and field, and changes nothing", () => {
  it("not YAML", async () => {
    expect(await rejects("targets: [\n  - name: x\n")).toEqual([
      "sync.yaml:2:3: not valid YAML: Block collections are not allowed within flow collections",
      "sync.yaml:3:1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("a missing file", async () => {
    const result = await runCaptured(["sync", "--config", path.join(dir, "nope.yaml")]);
    expect(result.code).toBe(EXIT.SYNC_CONFIG);
    expect(result.stderr).toContain(`backup-links: ${path.join(dir, "nope.yaml")}: cannot read the configuration file (it does not exist)`);
  });

  it("an unknown key (a typo) is an error, not ignored", async () => {
    expect(await rejects(`targets:\n${target({ keep: "    kep: 7" })}\n`)).toEqual([
      "sync.yaml:2:5: targets[0].keep: is required",
      "sync.yaml:9:5: targets[0].kep: unknown key (a typo?); allowed here: name, api, region, endpoint, projectId, instances, select, destination, keep, credentials",
    ]);
    expect(await rejects(`concurency: 2\ntargets:\n${target()}\n`)).toEqual([
      "sync.yaml:1:1: concurency: unknown key (a typo?); allowed here: concurrency, targets",
    ]);
  });

  it("an unknown api or region", async () => {
    expect(await rejects(`targets:\n${target({ api: "    api: otc-rdss" })}\n`)).toEqual([
      "sync.yaml:3:5: targets[0].api: must be one of otc-rds, huaweicloud-rds, otc-dds, huaweicloud-dds, huaweicloud-dcs, otc-dcs, jdcloud-rds",
    ]);
    expect(await rejects(`targets:\n${target({ region: "    region: mars-1" })}\n`)).toEqual([
      'sync.yaml:4:5: targets[0].region: unknown region "mars-1" for otc-rds; one of eu-ch2, eu-de, eu-nl',
    ]);
  });

  it("a target with neither instance ids nor a selection", async () => {
    expect(await rejects(`targets:\n${target({ instances: null, select: null })}\n`)).toEqual([
      "sync.yaml:2:5: targets[0].instances: is required",
      "sync.yaml:2:5: targets[0].select: is required",
    ]);
    expect(await rejects(`targets:\n${target({ select: "    select: { latest: full, lastDays: 3 }" })}\n`)).toEqual([
      "sync.yaml:7:5: targets[0].select: give exactly one of latest, since or lastDays (type only with since or lastDays)",
    ]);
    expect(await rejects(`targets:\n${target({ select: "    select: { since: 2026-02-30 }" })}\n`)).toEqual([
      'sync.yaml:7:15: targets[0].select.since: "2026-02-30" is not a real date',
    ]);
  });

  it("retention of 0 or negative", async () => {
    expect(await rejects(`targets:\n${target({ keep: "    keep: 0" })}\n`)).toEqual(["sync.yaml:9:5: targets[0].keep: must be >= 1"]);
    expect(await rejects(`targets:\n${target({ keep: "    keep: -3" })}\n`)).toEqual(["sync.yaml:9:5: targets[0].keep: must be >= 1"]);
  });

  it("a destination that is a file, or that cannot be written", async () => {
    await fs.writeFile(path.join(dir, "copies"), "not a directory");
    expect(await rejects(`targets:\n${target()}\n`)).toEqual([
      `sync.yaml:8:5: targets[0].destination: ${path.join(dir, "copies")} is a file, not a directory`,
    ]);
    // /proc/sys/kernel refuses new entries even to root (a chmod would not stop root).
    expect(await rejects(`targets:\n${target({ destination: "    destination: /proc/sys/kernel/backups" })}\n`)).toEqual([
      "sync.yaml:8:5: targets[0].destination: /proc/sys/kernel/backups cannot be created: /proc/sys/kernel is not writable",
    ]);
  });

  it("two targets writing the same directory, or sharing a name", async () => {
    const second = target({}, "prod-again");
    expect(await rejects(`targets:\n${target()}\n${second}\n`)).toEqual([
      `sync.yaml:14:17: targets[1].instances[0]: targets "prod" and "prod-again" would both write ${path.join(dir, "copies", "otc-rds", "43e4feaab48f11e89039fa163ebaa7e4in01")}`,
    ]);
    const third = target({ instances: "    instances: [other]" });
    expect(await rejects(`targets:\n${target()}\n${third}\n`)).toEqual(['sync.yaml:10:5: targets[1].name: "prod" is already the name of targets[0]']);
  });

  it("credentials: variable names only, complete pairs", async () => {
    expect(await rejects(`targets:\n${target({ keep: "    keep: 7\n    credentials: { accessKeyVariable: PROD_AK }" })}\n`)).toEqual([
      "sync.yaml:10:5: targets[0].credentials: give accessKeyVariable and secretKeyVariable (and optionally securityTokenVariable), or tokenVariable",
    ]);
    expect(
      await rejects(`targets:\n${target({ keep: "    keep: 7\n    credentials: { accessKeyVariable: AKIAEXAMPLE-secret, secretKeyVariable: SK }" })}\n`),
    ).toEqual(["sync.yaml:10:20: targets[0].credentials.accessKeyVariable: must be an environment variable name such as OTC_PROD_AK"]);
  });
});

describe("config helpers", () => {
  it("reads since dates in UTC unless a zone is written", () => {
    expect(parseSinceText("2026-11-01")?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseSinceText("2026-11-01 10:30")?.toISOString()).toBe("2026-11-01T10:30:00.000Z");
    expect(parseSinceText("2026-11-01T10:30:00+08:00")?.toISOString()).toBe("2026-11-01T02:30:00.000Z");
    expect(parseSinceText("2026-02-29")).toBeUndefined();
    expect(parseSinceText("2026-13-01")).toBeUndefined();
  });

  it("makes directory names that are safe on Windows too", () => {
    expect(portableName("ab:c|d?e")).toBe("ab_c_d_e");
    expect(portableName("CON")).toBe("_CON");
    expect(portableName("name. ")).toBe("name__");
    expect(portableName("x/y")).toBe("x_y");
    expect(() => portableName("..")).toThrow("refusing file name \"..\"");
  });
});

describe("backup-links sync: usage", () => {
  it("--help, an unknown option, an extra argument", async () => {
    const { SYNC_HELP } = await import("../src/cli/help.js");
    expect(await runCaptured(["sync", "--help"])).toMatchObject({ code: EXIT.OK, stdout: `${SYNC_HELP}\n`, stderr: "" });
    expect(await runCaptured(["sync", "--bogus"])).toMatchObject({
      code: EXIT.USAGE,
      stderr: "backup-links: unknown option --bogus\nRun 'backup-links sync --help' for usage.\n",
    });
    expect(await runCaptured(["sync", "now"])).toMatchObject({
      code: EXIT.USAGE,
      stderr: "backup-links: unexpected argument \"now\"\nRun 'backup-links sync --help' for usage.\n",
    });
    expect(await runCaptured(["sync", "--config"])).toMatchObject({ code: EXIT.USAGE, stderr: expect.stringContaining("--config: needs a value") });
  });
});
