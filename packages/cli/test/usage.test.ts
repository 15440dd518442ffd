import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCaptured, TEST_ENV } from "./helpers/run.js";

const RDS = ["links", "otc-rds", "--region", "eu-de"];
const LINKS_HELP = "Run 'backup-links links --help' for usage.\n";
const DOWNLOAD_HELP = "Run 'backup-links download --help' for usage.\n";
const MAIN_HELP = "Run 'backup-links --help' for usage.\n";
const API_LIST = "otc-rds, huaweicloud-rds, otc-dds, huaweicloud-dds, huaweicloud-dcs, otc-dcs, jdcloud-rds";

/** Every bad invocation: the exact message, exit status 2, nothing on stdout, no request sent. */
const CASES: Array<{ argv: string[]; env?: Record<string, string>; stderr: string }> = [
  { argv: ["frobnicate"], stderr: `backup-links: unknown command "frobnicate": use apis, config, backups, links, download or sync
${MAIN_HELP}` },
  { argv: ["--bogus"], stderr: `backup-links: unknown option --bogus\n${MAIN_HELP}` },
  { argv: ["apis", "extra"], stderr: `backup-links: unexpected argument "extra"\nRun 'backup-links apis --help' for usage.\n` },
  { argv: ["config", "aws-rds"], stderr: `backup-links: <api>: unknown API "aws-rds"; one of ${API_LIST}\nRun 'backup-links config --help' for usage.\n` },
  { argv: ["config", "otc-rds", "extra"], stderr: `backup-links: unexpected argument "extra"\nRun 'backup-links config --help' for usage.\n` },
  { argv: ["config", "otc-rds", "--os-cloud"], stderr: `backup-links: --os-cloud: needs a value\nRun 'backup-links config --help' for usage.\n` },
  {
    argv: ["links", "huaweicloud-rds", "--region", "ap-southeast-1", "--backup-id", "b", "--os-cloud", "otc"],
    stderr: `backup-links: --os-cloud: is not used by huaweicloud-rds\n${LINKS_HELP}`,
  },
  { argv: ["apis", "--table"], stderr: `backup-links: unknown option --table\nRun 'backup-links apis --help' for usage.\n` },
  { argv: ["links"], stderr: `backup-links: <api>: missing; one of ${API_LIST}\n${LINKS_HELP}` },
  { argv: ["links", "aws-rds", "--backup-id", "b"], stderr: `backup-links: <api>: unknown API "aws-rds"; one of ${API_LIST}\n${LINKS_HELP}` },
  { argv: [...RDS, "--backup-id", "b", "--bogus"], stderr: `backup-links: unknown option --bogus\n${LINKS_HELP}` },
  { argv: [...RDS, "-x"], stderr: `backup-links: unknown option -x\n${LINKS_HELP}` },
  { argv: [...RDS, "--backup-id"], stderr: `backup-links: --backup-id: needs a value\n${LINKS_HELP}` },
  {
    argv: [...RDS, "--backup-id", "--json"],
    stderr: `backup-links: --backup-id: needs a value (write --backup-id=VALUE for a value that starts with '-')\n${LINKS_HELP}`,
  },
  { argv: [...RDS, "--backup-id", "b", "--json=yes"], stderr: `backup-links: --json: takes no value\n${LINKS_HELP}` },
  { argv: [...RDS, "--backup-id", "b", "extra"], stderr: `backup-links: unexpected argument "extra"\n${LINKS_HELP}` },
  { argv: RDS, stderr: `backup-links: --backup-id: is required for otc-rds\n${LINKS_HELP}` },
  {
    argv: [...RDS, "--backup-id", " b"],
    stderr: `backup-links: --backup-id: must be a non-empty string without surrounding whitespace\n${LINKS_HELP}`,
  },
  { argv: [...RDS, "--backup-id", ""], stderr: `backup-links: --backup-id: must be a non-empty string without surrounding whitespace\n${LINKS_HELP}` },
  {
    argv: ["links", "otc-dds", "--region", "eu-de", "--backup-id", "b"],
    stderr: `backup-links: --instance-id: is required for otc-dds\n${LINKS_HELP}`,
  },
  { argv: [...RDS, "--backup-id", "b", "--instance-id", "i"], stderr: `backup-links: --instance-id: is not used by otc-rds\n${LINKS_HELP}` },
  {
    argv: [...RDS, "--backup-id", "b"],
    env: { OS_ACCESS_KEY: "ak", OS_SECRET_KEY: "sk" },
    stderr: `backup-links: --project-id: is required for otc-rds; pass it or set OS_PROJECT_ID, or project_id in the clouds.yaml entry\n${LINKS_HELP}`,
  },
  {
    argv: ["links", "jdcloud-rds", "--region", "cn-north-1", "--backup-id", "b", "--project-id", "p"],
    stderr: `backup-links: --project-id: is not used by jdcloud-rds\n${LINKS_HELP}`,
  },
  {
    argv: ["links", "otc-dcs", "--region", "eu-de", "--backup-id", "b", "--instance-id", "i", "--expiration", "299"],
    stderr: `backup-links: --expiration: must be an integer from 300 to 86400\n${LINKS_HELP}`,
  },
  {
    argv: ["links", "otc-dcs", "--region", "eu-de", "--backup-id", "b", "--instance-id", "i", "--expiration", "1h"],
    stderr: `backup-links: --expiration: must be an integer from 300 to 86400\n${LINKS_HELP}`,
  },
  {
    argv: ["links", "jdcloud-rds", "--region", "cn-north-1", "--backup-id", "b", "--expiration", "86401"],
    stderr: `backup-links: --expiration: must be an integer from 1 to 86400\n${LINKS_HELP}`,
  },
  { argv: [...RDS, "--backup-id", "b", "--expiration", "600"], stderr: `backup-links: --expiration: is not used by otc-rds\n${LINKS_HELP}` },
  { argv: [...RDS, "--backup-id", "b", "--file-name", "x.bak"], stderr: `backup-links: --file-name: is not used by otc-rds\n${LINKS_HELP}` },
  {
    argv: ["links", "jdcloud-rds", "--region", "cn-north-1", "--backup-id", "b", "--file-name", "db\u0001.bak"],
    stderr: `backup-links: --file-name: must not contain a control character\n${LINKS_HELP}`,
  },
  {
    argv: ["links", "otc-rds", "--backup-id", "b"],
    stderr: `backup-links: --region: is required for otc-rds unless --endpoint is given; one of eu-ch2, eu-de, eu-nl (or set OS_REGION_NAME, or region_name in the clouds.yaml entry (OS_CLOUD or --os-cloud))\n${LINKS_HELP}`,
  },
  {
    argv: ["links", "otc-rds", "--backup-id", "b", "--region", "ap-southeast-1"],
    stderr: `backup-links: --region: must be one of eu-ch2, eu-de, eu-nl, or have its endpoint configured by --endpoint, or rds_endpoint_override in the clouds.yaml entry (OS_CLOUD or --os-cloud)\n${LINKS_HELP}`,
  },
  {
    argv: ["links", "jdcloud-rds", "--backup-id", "b", "--endpoint", "http://127.0.0.1:9"],
    stderr: `backup-links: --region: is required for jdcloud-rds; one of cn-east-1, cn-east-2, cn-north-1, cn-south-1 (or region_id in the ~/.jdc/config profile)\n${LINKS_HELP}`,
  },
  {
    argv: ["links", "otc-rds", "--backup-id", "b", "--endpoint", "ftp://mock"],
    stderr: `backup-links: --endpoint: must be an absolute http or https URL without credentials, query or fragment\n${LINKS_HELP}`,
  },
  {
    argv: [...RDS, "--backup-id", "b"],
    env: { OS_PROJECT_ID: "p" },
    stderr: "backup-links: credentials: not found in the environment: set OS_ACCESS_KEY and OS_SECRET_KEY (or OS_TOKEN for an IAM token); or in a clouds.yaml entry (OS_CLOUD or --os-cloud)\n",
  },
  {
    argv: ["links", "jdcloud-rds", "--region", "cn-north-1", "--backup-id", "b"],
    env: { JDCLOUD_ACCESS_KEY: "ak" },
    stderr: "backup-links: credentials: incomplete in the environment: JDCLOUD_SECRET_KEY is not set (set both JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY)\n",
  },
  {
    argv: ["download", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--concurrency", "0"],
    stderr: `backup-links: --concurrency: must be a whole number from 1 to 16\n${DOWNLOAD_HELP}`,
  },
  {
    argv: ["download", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--concurrency", "17"],
    stderr: `backup-links: --concurrency: must be a whole number from 1 to 16\n${DOWNLOAD_HELP}`,
  },
  {
    argv: ["download", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--concurrency", "two"],
    stderr: `backup-links: --concurrency: must be a whole number from 1 to 16\n${DOWNLOAD_HELP}`,
  },
  {
    argv: ["download", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--connections", "0"],
    stderr: `backup-links: --connections: must be a whole number from 1 to 16\n${DOWNLOAD_HELP}`,
  },
  {
    argv: ["download", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--connections", "17"],
    stderr: `backup-links: --connections: must be a whole number from 1 to 16\n${DOWNLOAD_HELP}`,
  },
  {
    // The proxy value is never echoed: it may carry a password.
    argv: ["download", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--proxy", "ftp://user:hunter2@proxy:21"],
    stderr: `backup-links: --proxy: must be a URL like http://host:port (schemes http, https, socks5)\n${DOWNLOAD_HELP}`,
  },
  {
    argv: ["links", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--proxy", "user:hunter2@proxy"],
    stderr: `backup-links: --proxy: must be a URL like http://host:port (schemes http, https, socks5)\n${LINKS_HELP}`,
  },
  {
    argv: ["download", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--quiet", "--json"],
    stderr: `backup-links: --quiet and --json cannot be combined\n${DOWNLOAD_HELP}`,
  },
  {
    argv: ["download", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--out", ""],
    stderr: `backup-links: --out: must not be empty\n${DOWNLOAD_HELP}`,
  },
  {
    argv: ["download", "otc-rds", "--region", "eu-de", "--backup-id", "b", "--show-links"],
    stderr: `backup-links: unknown option --show-links\n${DOWNLOAD_HELP}`,
  },
  { argv: ["download", "otc-rds", "--region", "eu-de"], stderr: `backup-links: --backup-id: is required for otc-rds\n${DOWNLOAD_HELP}` },
];

describe("bad usage", () => {
  // eslint-disable-next-line no-control-regex
  it.each(CASES.map((c) => ({ ...c, line: c.argv.map((a) => (a === "" || /[\s\x00-\x1f\x7f]/.test(a) ? JSON.stringify(a) : a)).join(" ") })))(
    "backup-links $line",
    async ({ argv, env, stderr }) => {
    const result = await runCaptured(argv, { env: env ?? TEST_ENV });
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.requests).toHaveLength(0);
    },
  );
});

describe("--file-name", () => {
  it("passes a JD file name with spaces inside through to the request (the client checks it against the spec)", async () => {
    const body = { requestId: "r1", result: { publicURL: "https://oss.example/db%20with%20space.bak?Expires=1", internalURL: "" } };
    const result = await runCaptured(
      ["links", "jdcloud-rds", "--region", "cn-north-1", "--backup-id", "b1", "--file-name", "db with space.bak", "--json"],
      { fetch: async () => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } }) },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.requests.map((r) => r.url)).toEqual([
      "https://rds.jdcloud-api.com/v1/regions/cn-north-1/backups/b1:describeBackupDownloadURL?fileName=db%20with%20space.bak",
    ]);
    expect(JSON.parse(result.stdout).files.map((f: { name: string }) => f.name)).toEqual(["db with space.bak"]);
  });
});

describe("help and version", () => {
  it("prints the main help with no arguments, exit 0", async () => {
    const result = await runCaptured([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage:\n  backup-links apis [--json]\n");
    expect(result.stdout).toContain(
      "Exit status: 0 ok, 2 bad usage, 3 API error, 4 download failed, 5 a sync target failed, 6 bad sync config,\n130 interrupted (SIGINT), 143 stopped (SIGTERM).",
    );
  });

  it.each(["apis", "config", "links", "download"])("prints the help of %s", async (command) => {
    const result = await runCaptured([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`Usage: backup-links ${command}`)).toBe(true);
  });

  it("prints the package version", async () => {
    const result = await runCaptured(["--version"]);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(result.stdout).toBe(`${manifest.version}\n`);
  });
});

describe("download flushes files to disk unless told not to", () => {
  const base = ["download", "otc-rds", "--backup-id", "b1", "--region", "eu-de", "--project-id", "p1"];
  it("fsync is on by default", async () => {
    const { parseCommand } = await import("../src/cli/args.js");
    expect(parseCommand(base)).toMatchObject({ command: "download", fsync: true, concurrency: 3, out: "." });
  });
  it("--no-fsync turns it off", async () => {
    const { parseCommand } = await import("../src/cli/args.js");
    expect(parseCommand([...base, "--no-fsync"])).toMatchObject({ command: "download", fsync: false });
  });
  it("--fsync is not a flag (the default already flushes)", async () => {
    const { parseCommand } = await import("../src/cli/args.js");
    expect(() => parseCommand([...base, "--fsync"])).toThrow(/--fsync/);
  });
});
