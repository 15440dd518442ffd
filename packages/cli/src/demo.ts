/**
 * `pnpm demo`: starts a Prism mock of every API (from the bundled specs, through @backup-links/mock), runs the
 * real `backup-links links` command against each, then `backups` and `links --latest` for each, prints what they
 * print, and stops the mocks.
 * A repository script, not part of the published package (see "files" in package.json).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startMocks, type Mocks } from "@backup-links/mock";
import { API_IDS, type ApiId } from "@backup-links/core";
import { APIS } from "./links/apis.js";

const BIN = fileURLToPath(new URL("./bin.js", import.meta.url));

/** Placeholder credentials: Prism checks that a request is authenticated, not the signature's value. */
const DEMO_ENV: Record<string, string> = {
  OS_ACCESS_KEY: "DEMOACCESSKEY",
  OS_SECRET_KEY: "demo-secret-key",
  OS_PROJECT_ID: "0123456789abcdef0123456789abcdef",
  HUAWEICLOUD_SDK_AK: "DEMOACCESSKEY",
  HUAWEICLOUD_SDK_SK: "demo-secret-key",
  HUAWEICLOUD_SDK_PROJECT_ID: "0123456789abcdef0123456789abcdef",
  JDCLOUD_ACCESS_KEY: "DEMOACCESSKEY",
  JDCLOUD_SECRET_KEY: "demo-secret-key",
};

/** Ids in the shape of the vendors' own examples. */
const DEMO_ARGS: Record<ApiId, string[]> = {
  "otc-rds": ["--backup-id", "2f4ddb93b9014b0893d81d2e472f30febr01"],
  "huaweicloud-rds": ["--backup-id", "2f4ddb93b9014b0893d81d2e472f30febr01"],
  "otc-dds": ["--instance-id", "c0c7a2f2a55c4c3db9d0c2c2ad1f8bf9in02", "--backup-id", "2f4ddb93b9014b0893d81d2e472f30febr02"],
  "huaweicloud-dds": ["--instance-id", "c0c7a2f2a55c4c3db9d0c2c2ad1f8bf9in02", "--backup-id", "2f4ddb93b9014b0893d81d2e472f30febr02"],
  "huaweicloud-dcs": ["--instance-id", "3c49a9d4-2f7c-4b0b-9f0e-222222222222", "--backup-id", "b7b2a8a0-3d1c-4a3e-9a9e-111111111111"],
  "otc-dcs": ["--instance-id", "3c49a9d4-2f7c-4b0b-9f0e-222222222222", "--backup-id", "b7b2a8a0-3d1c-4a3e-9a9e-111111111111", "--expiration", "3600"],
  "jdcloud-rds": ["--region", "cn-north-1", "--backup-id", "mysql-backup-1"],
};

/** The instances of the list operations' examples (what each mock lists), for `backups` and `links --latest`. */
const DEMO_INSTANCES: Record<ApiId, string[]> = {
  "otc-rds": ["--instance-id", "a48e43ff268f4c0e879652d65e63d0fbin01"],
  "huaweicloud-rds": ["--instance-id", "a48e43ff268f4c0e879652d65e63d0fbin01"],
  "otc-dds": ["--instance-id", "c0c9f155c7b7423a9d30f0175998b63bin01"],
  "huaweicloud-dds": ["--instance-id", "c0c9f155c7b7423a9d30f0175998b63bin01"],
  "huaweicloud-dcs": ["--instance-id", "5560df16-cebf-4473-95c4-d1b573c16e79"],
  "otc-dcs": ["--instance-id", "5560df16-cebf-4473-95c4-d1b573c16e79"],
  "jdcloud-rds": ["--instance-id", "mysql-wp4e9ztap2", "--region", "cn-north-1"],
};

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text: string): string => (color ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text: string): string => (color ? `\x1b[2m${text}\x1b[22m` : text);
const indent = (text: string): string =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => (line === "" ? "" : `    ${line}`))
    .join("\n");

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", ...DEMO_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function main(): Promise<number> {
  console.log(bold("backup-links demo: every API, through the real clients and the backup-links command, against Prism mocks"));
  console.log(dim("Placeholder credentials are set in the environment (OS_ACCESS_KEY, HUAWEICLOUD_SDK_AK, JDCLOUD_ACCESS_KEY, ...):"));
  console.log(dim("the clients sign every request for real; Prism checks that it is authenticated and answers from the spec's examples.\n"));

  process.stdout.write(`Starting ${API_IDS.length} Prism mocks ... `);
  const started = Date.now();
  let mocks: Mocks;
  try {
    mocks = await startMocks();
  } catch (error) {
    console.log("failed.");
    console.error((error as Error).message);
    return 1;
  }
  console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);

  let failures = 0;
  try {
    for (const api of API_IDS) {
      const url = mocks.urls[api]!;
      const args = ["links", api, ...DEMO_ARGS[api], "--endpoint", url];
      console.log(`${bold(`── ${APIS[api].title}`)} ${dim(`(${APIS[api].operation})`)}`);
      console.log(`$ backup-links ${args.join(" ")}`);
      const result = await run(args);
      if (result.stdout) console.log(indent(result.stdout));
      if (result.stderr) console.log(indent(result.stderr));
      if (result.code !== 0) {
        failures++;
        console.log(`    (exit status ${result.code})`);
      }
      console.log("");
    }

    // The JSON form, with the full links, is for scripts (and `backup-links download` uses the same call).
    const jsonArgs = ["links", "otc-dcs", ...DEMO_ARGS["otc-dcs"], "--endpoint", mocks.urls["otc-dcs"]!, "--json"];
    console.log(`${bold("── The same for a script: --json prints the full (secret) links")}`);
    console.log(`$ backup-links ${jsonArgs.join(" ")}`);
    const json = await run(jsonArgs);
    console.log(indent(json.stdout || json.stderr));
    if (json.code !== 0) failures++;
    console.log("");

    // Finding the backup (issue 12): each API's list operation, then the newest downloadable backup's links.
    console.log(bold("── Finding backups: 'backups' lists an instance's backups, 'links --latest' fetches the newest downloadable one"));
    console.log(dim("(the picked backup is reported on stderr, so --json output stays clean)\n"));
    for (const api of API_IDS) {
      const target = [...DEMO_INSTANCES[api], "--endpoint", mocks.urls[api]!];
      for (const args of [["backups", api, ...target], ["links", api, "--latest", ...target]]) {
        console.log(`$ backup-links ${args.join(" ")}`);
        const result = await run(args);
        if (result.stderr) console.log(indent(result.stderr));
        if (result.stdout) console.log(indent(result.stdout));
        if (result.code !== 0) {
          failures++;
          console.log(`    (exit status ${result.code})`);
        }
        console.log("");
      }
    }
  } finally {
    await mocks.stop();
  }
  console.log("");
  console.log(
    failures === 0
      ? `All ${API_IDS.length} APIs answered; mocks stopped. Next: 'backup-links download <api> ... --out DIR' against a real cloud (see packages/cli/README.md).`
      : `${failures} command(s) failed; mocks stopped.`,
  );
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();

/**
 * The end of the demo: `backup-links sync` against the stateful mock cloud (@backup-links/mock's startMockCloud),
 * three times: the first run copies, the second skips, then a new backup appears and the third run copies it and
 * prunes the oldest copy. Then the same report for a script (--json).
 */
async function syncDemo(): Promise<number> {
  const { mkdtemp, readdir, rm, writeFile } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const { startMockCloud, DEFAULT_MOCK_ACCOUNT } = await import("@backup-links/mock");
  const { stringify } = await import("yaml");

  console.log("");
  console.log(bold("── backup-links sync: an off-cloud copy kept up to date, against the mock cloud (APIs + object store)"));
  const cloud = await startMockCloud({ seed: "demo", fileSize: 256 * 1024 });
  const dir = await mkdtemp(path.join(tmpdir(), "backup-links-demo-sync-"));
  const destination = path.join(dir, "copies");
  const target = (api: "otc-rds" | "huaweicloud-dds", keep: number) => ({
    name: `prod-${api.split("-")[1]}`,
    api,
    endpoint: cloud.urls[api],
    projectId: cloud.projectId,
    instances: [cloud.instance(api).id],
    select: { latest: "full" },
    destination,
    keep,
    credentials: { accessKeyVariable: "PROD_AK", secretKeyVariable: "PROD_SK" },
  });
  const config = path.join(dir, "sync.yaml");
  await writeFile(config, stringify({ concurrency: 2, targets: [target("otc-rds", 1), target("huaweicloud-dds", 2)] }));
  const env = { PATH: process.env.PATH ?? "", PROD_AK: DEFAULT_MOCK_ACCOUNT.accessKey, PROD_SK: DEFAULT_MOCK_ACCOUNT.secretKey };
  let failures = 0;
  const sync = async (title: string, extra: string[] = []): Promise<void> => {
    const args = ["sync", "--config", config, ...extra];
    console.log(dim(title));
    console.log(`$ backup-links ${args.join(" ")}`);
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "ignore"] });
      let stdout = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout }));
    });
    console.log(indent(result.stdout));
    if (result.code !== 0) {
      failures++;
      console.log(`    (exit status ${result.code})`);
    }
    console.log("");
  };
  try {
    console.log(dim(`Mock cloud on ${cloud.url}; the configuration (${config}):`));
    console.log(indent(stringify({ concurrency: 2, targets: [target("otc-rds", 1)] }).replaceAll(dir, "<demo dir>")));
    console.log(dim("    ...and a second target, huaweicloud-dds (keep: 2).\n"));
    await sync("1. The first run copies the latest full backup of each instance:");
    await sync("2. A second run finds intact copies (size and SHA-256 against backup.json) and skips them:");
    const tonight = cloud.addBackup({ api: "otc-rds" });
    console.log(dim(`   (the mock cloud now has tonight's backup ${tonight.id} of the RDS instance)\n`));
    await sync("3. The third run copies tonight's backup and prunes the oldest copy (keep: 1):");
    await sync("The same report for a script or a monitor: --json", ["--json"]);
    const instanceDir = path.join(destination, "otc-rds", cloud.instance("otc-rds").id);
    console.log(dim(`On disk, ${path.relative(dir, instanceDir)}/:`));
    for (const copy of await readdir(instanceDir)) console.log(`    ${copy}/ ${(await readdir(path.join(instanceDir, copy))).sort().join("  ")}`);
  } finally {
    await cloud.stop();
    await rm(dir, { recursive: true, force: true });
  }
  console.log("");
  console.log(failures === 0 ? "The sync demo ran; mock cloud stopped. See 'Keep an off-cloud copy' in packages/cli/README.md." : `${failures} sync run(s) failed.`);
  return failures === 0 ? 0 : 1;
}

if (process.exitCode === 0) process.exitCode = await syncDemo();
