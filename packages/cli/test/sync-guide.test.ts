import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { parseSyncConfig, SCHEMA_PATH } from "../src/sync/config.js";
import { tempDir } from "./helpers/tmp.js";

const PACKAGE = fileURLToPath(new URL("../", import.meta.url));
const README = readFileSync(path.join(PACKAGE, "README.md"), "utf8");
const example = (name: string): string => readFileSync(path.join(PACKAGE, "examples/sync", name), "utf8");

const CONFIG_PATH = "/etc/backup-links/sync.yaml";
const config = parse(example("backup-links-sync.yaml")) as { targets: Array<{ destination: string; credentials: Record<string, string> }> };
/** Every environment variable the example configuration names. */
const VARIABLES = config.targets.flatMap((target) => Object.values(target.credentials));

describe('the README\'s "Keep an off-cloud copy" guide', () => {
  it("shows each example file verbatim", () => {
    const blocks = [...README.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g)];
    expect(blocks.map((block) => block[1])).toEqual([
      "examples/sync/backup-links-sync.yaml",
      "examples/sync/backup-links-sync.cron",
      "examples/sync/backup-links-sync.service",
      "examples/sync/backup-links-sync.timer",
      "examples/sync/backup-links-sync-cronjob.yaml",
    ]);
    for (const [, file, body] of blocks) expect(body).toBe(readFileSync(path.join(PACKAGE, file!), "utf8"));
  });

  describe("the configuration", () => {
    let dir: string;
    beforeEach(async () => {
      dir = await tempDir("backup-links-guide-");
    });
    afterEach(async () => {
      await fs.rm(dir, { recursive: true, force: true });
    });

    it("validates against the shipped JSON Schema and loads (three targets, three accounts)", () => {
      const validate = new Ajv({ allErrors: true, strictRequired: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object);
      expect(validate(config)).toBe(true);
      // The destination as on a real host is swapped for a temporary directory (it must exist or be creatable).
      const loaded = parseSyncConfig(example("backup-links-sync.yaml").replaceAll("/srv/backups", dir), "sync.yaml");
      expect(loaded.targets.map((target) => [target.name, target.api, target.instances.length, target.keep, target.destination])).toEqual([
        ["otc-prod-mysql", "otc-rds", 2, 7, dir],
        ["huawei-mongo", "huaweicloud-dds", 1, 3, dir],
        ["jd-mysql", "jdcloud-rds", 1, 5, dir],
      ]);
      expect(VARIABLES).toEqual(["OTC_PROD_AK", "OTC_PROD_SK", "HW_BACKUP_AK", "HW_BACKUP_SK", "HW_BACKUP_PROJECT_ID", "JD_BACKUP_AK", "JD_BACKUP_SK"]);
      expect(loaded.concurrency).toBe(2);
    });
  });

  it("the cron line runs sync with the configuration, with the credentials exported", () => {
    const line = example("backup-links-sync.cron").trimEnd().split("\n").at(-1)!;
    const [minute, hour, day, month, weekday, user, ...command] = line.split(" ");
    expect([minute, hour, day, month, weekday, user]).toEqual(["30", "3", "*", "*", "*", "backup"]);
    expect(command.join(" ")).toContain(`set -a && . /etc/backup-links/credentials.env && set +a && backup-links sync --config ${CONFIG_PATH} `);
  });

  it("the systemd service runs sync once with the credentials file; the timer starts it nightly", () => {
    const unit = (text: string): Record<string, string> =>
      Object.fromEntries(
        text
          .split("\n")
          .filter((line) => /^\w+=/.test(line))
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
    const service = unit(example("backup-links-sync.service"));
    expect(service).toMatchObject({
      Type: "oneshot",
      ExecStart: `/usr/bin/backup-links sync --config ${CONFIG_PATH}`,
      EnvironmentFile: "/etc/backup-links/credentials.env",
      OnFailure: "backup-links-sync-alert.service",
    });
    expect(unit(example("backup-links-sync.timer"))).toMatchObject({ OnCalendar: "*-*-* 03:30:00", Persistent: "true", WantedBy: "timers.target" });
  });

  it("the Kubernetes CronJob parses, runs sync with the ConfigMap's file, takes every variable from the Secret and mounts the destination", () => {
    const text = example("backup-links-sync-cronjob.yaml");
    const documents = parseAllDocuments(text);
    expect(documents).toHaveLength(1);
    expect(documents[0]!.errors).toEqual([]);
    const job = documents[0]!.toJS() as any;
    expect(job).toMatchObject({ apiVersion: "batch/v1", kind: "CronJob", spec: { concurrencyPolicy: "Forbid" } });
    const pod = job.spec.jobTemplate.spec.template.spec;
    const [container] = pod.containers;
    expect(container.command.slice(-3)).toEqual(["sync", "--config", CONFIG_PATH]);
    expect(container.command).toContain("@backup-links/cli@0.1.0");
    expect(container.envFrom).toEqual([{ secretRef: { name: "backup-links-credentials" } }]);
    const mounts = Object.fromEntries(container.volumeMounts.map((mount: { name: string; mountPath: string }) => [mount.name, mount.mountPath]));
    expect(mounts).toEqual({ config: path.dirname(CONFIG_PATH), backups: config.targets[0]!.destination });
    expect(pod.volumes).toEqual([
      { name: "config", configMap: { name: "backup-links-sync" } },
      { name: "backups", persistentVolumeClaim: { claimName: "database-backups" } },
    ]);
    // The Secret the comment creates holds every variable the configuration names, and the ConfigMap the file sync reads.
    const secret = text.match(/kubectl create secret generic backup-links-credentials[\s\S]*?\n(?!#\s{3,})/)![0];
    for (const variable of VARIABLES) expect(secret).toContain(`--from-literal=${variable}=`);
    expect(text).toContain(`kubectl create configmap backup-links-sync --from-file=${path.basename(CONFIG_PATH)}=backup-links-sync.yaml`);
    expect(new Set(config.targets.map((target) => target.destination))).toEqual(new Set([mounts.backups]));
  });
});
