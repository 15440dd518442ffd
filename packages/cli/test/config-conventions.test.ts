import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FetchLike } from "@backup-links/core";
import { runCaptured } from "./helpers/run.js";

const PROJECT = "0123456789abcdef0123456789abcdef";
const PASSWORD = "correct-horse-battery-staple";
let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "backup-links-home-"));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const write = (path: string, text: string) => {
  const file = join(home, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
const FILES = { files: [{ name: "a.qp.xb", size: 1, download_link: "https://obs.example/a?Signature=x", link_expired_time: "2030-01-01T00:00:00Z" }] };
const answerFiles: FetchLike = async () => json(FILES);

const CLOUDS = `clouds:
  otc:
    region_name: eu-nl
    auth:
      auth_url: https://iam.eu-de.otc.t-systems.com/v3
      project_id: ${PROJECT}
      ak: FILEAK
      sk: file-secret-key-never-printed
`;

describe("backup-links config: where each setting comes from, never a secret", () => {
  it("OTC from OS_CLOUD and ~/.config/openstack/clouds.yaml; an option wins over the environment, the environment over the file", async () => {
    const clouds = write(".config/openstack/clouds.yaml", CLOUDS);
    const env = { HOME: home, OS_CLOUD: "otc", OS_REGION_NAME: "eu-de" };
    const table = await runCaptured(["config", "otc-rds"], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(
      [
        "otc-rds",
        `  credentials  access key + secret key  (${clouds}: clouds.otc.auth (ak, sk))`,
        `  project id   ${PROJECT}  (${clouds}: clouds.otc.auth.project_id)`,
        "  region       eu-de  (env OS_REGION_NAME)",
        "  endpoint     https://rds.eu-de.otc.t-systems.com  (the region table)",
        "",
      ].join("\n"),
    );
    const explicit = await runCaptured(["config", "otc-rds", "--region", "eu-ch2", "--json"], { env: { ...env, OS_ACCESS_KEY: "E", OS_SECRET_KEY: "env-secret" } });
    expect(JSON.parse(explicit.stdout)).toEqual({
      api: "otc-rds",
      credentials: { value: "access key + secret key", source: "env OS_ACCESS_KEY + OS_SECRET_KEY" },
      projectId: { value: PROJECT, source: `${clouds}: clouds.otc.auth.project_id` },
      region: { value: "eu-ch2", source: "option" },
      endpoint: { value: "https://rds.eu-ch2.sc.otc.t-systems.com", source: "the region table" },
    });
    for (const output of [table.stdout, explicit.stdout, table.stderr]) {
      expect(output).not.toContain("file-secret-key-never-printed");
      expect(output).not.toContain("env-secret");
    }
  });

  it("without an API: every API; Huawei Cloud from ~/.huaweicloud, JD Cloud from ~/.jdc/config", async () => {
    const credentials = write(".huaweicloud/credentials", "[basic]\nak = HWAK\nsk = hw-file-secret\nproject_id = hwproject\n");
    const jd = write(".jdc/config", "[default]\naccess_key = JDAK\nsecret_key = jd-file-secret\nregion_id = cn-north-1\nendpoint = www.jdcloud-api.com\nscheme = https\n");
    const result = await runCaptured(["config", "--json"], { env: { HOME: home, HUAWEICLOUD_SDK_REGION_ID: "ap-southeast-1" } });
    const listings = JSON.parse(result.stdout) as { api: string; credentials: { source: string }; region: { source: string } }[];
    expect(listings.map((l) => [l.api, l.credentials.source, l.region.source])).toEqual([
      ["otc-rds", "not set", "not set"],
      ["huaweicloud-rds", `${credentials} [basic]`, "env HUAWEICLOUD_SDK_REGION_ID"],
      ["otc-dds", "not set", "not set"],
      ["huaweicloud-dds", `${credentials} [basic]`, "env HUAWEICLOUD_SDK_REGION_ID"],
      ["huaweicloud-dcs", `${credentials} [basic]`, "env HUAWEICLOUD_SDK_REGION_ID"],
      ["otc-dcs", "not set", "not set"],
      ["jdcloud-rds", `${jd} [default]`, `${jd} [default] region_id`],
    ]);
    expect(result.stdout).not.toMatch(/file-secret/);
  });

  it("a region outside the table, without an endpoint: says which conventions would configure one", async () => {
    const result = await runCaptured(["config", "huaweicloud-dcs", "--region", "xx-north-9"], { env: { HOME: home } });
    expect(result.stdout).toContain(
      "  endpoint     not set: region xx-north-9 is not in the table; configure --endpoint, or HUAWEICLOUD_SDK_REGION_DCS_XX_NORTH_9, or HUAWEICLOUD_SDK_REGIONS_FILE or ~/.huaweicloud/regions.yaml (DCS: - id: xx-north-9, endpoint: URL)\n",
    );
  });

  it("a malformed file: the error names the file and the entry, not the secret", async () => {
    const file = write(".huaweicloud/credentials", "[basic]\nsk = only-the-secret\n");
    const result = await runCaptured(["config", "huaweicloud-rds"], { env: { HOME: home } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`backup-links: ${file} [basic]: needs both ak and sk\nRun 'backup-links config --help' for usage.\n`);
  });
});

describe("links: a region not in the table", () => {
  it("is accepted with an endpoint from HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION_ID}, credentials from the SDK's file", async () => {
    write(".huaweicloud/credentials", "[basic]\nak = HWFILEAK\nsk = hw-file-secret\nproject_id = hwproject\n");
    const env = { HOME: home, HUAWEICLOUD_SDK_REGION_RDS_XX_NORTH_9: "https://rds.xx-north-9.example.com,https://backup.example.com" };
    const result = await runCaptured(["links", "huaweicloud-rds", "--region", "xx-north-9", "--backup-id", "b1", "--json"], { env, fetch: answerFiles });
    expect(result.code).toBe(0);
    expect(result.requests.map((r) => r.url)).toEqual(["https://rds.xx-north-9.example.com/v3/hwproject/backup-files?backup_id=b1"]);
    expect(result.requests[0]!.headers.get("authorization")).toMatch(/^SDK-HMAC-SHA256 Access=HWFILEAK, /);
  });

  it("is accepted with rds_endpoint_override in the clouds.yaml entry chosen by --os-cloud", async () => {
    write(".config/openstack/clouds.yaml", `${CLOUDS}    rds_endpoint_override: https://rds.private.example/\n`);
    const result = await runCaptured(["links", "otc-rds", "--os-cloud", "otc", "--region", "eu-xx", "--backup-id", "b1"], { env: { HOME: home }, fetch: answerFiles });
    expect(result.code).toBe(0);
    expect(result.requests.map((r) => r.url)).toEqual([`https://rds.private.example/v3/${PROJECT}/backup-files?backup_id=b1`]);
  });

  it("is refused before any request without one, naming the conventions", async () => {
    const result = await runCaptured(["links", "huaweicloud-rds", "--region", "xx-north-9", "--backup-id", "b1"], {
      env: { HOME: home, HUAWEICLOUD_SDK_AK: "A", HUAWEICLOUD_SDK_SK: "S", HUAWEICLOUD_SDK_PROJECT_ID: "p" },
    });
    expect(result.code).toBe(2);
    expect(result.requests).toEqual([]);
    expect(result.stderr.split("\n")[0]).toBe(
      "backup-links: --region: must be one of ae-ad-1, af-north-1, af-south-1, ap-southeast-1, ap-southeast-2, ap-southeast-3, ap-southeast-4, cn-east-2, cn-east-3, cn-east-4, cn-east-5, cn-north-1, cn-north-2, cn-north-4, cn-north-9, cn-south-1, cn-south-2, cn-southwest-2, eu-west-0, eu-west-101, la-north-2, la-south-2, me-east-1, my-kualalumpur-1, na-mexico-1, ru-moscow-1, ru-northwest-2, sa-brazil-1, tr-west-1, or have its endpoint configured by --endpoint, or HUAWEICLOUD_SDK_REGION_RDS_XX_NORTH_9, or HUAWEICLOUD_SDK_REGIONS_FILE or ~/.huaweicloud/regions.yaml (RDS: - id: xx-north-9, endpoint: URL)",
    );
  });
});

describe("links: a JD Cloud region not in the table", () => {
  it("is refused naming the JD CLI's endpoint setting too", async () => {
    const result = await runCaptured(["links", "jdcloud-rds", "--region", "cn-xx-9", "--backup-id", "b1"], {
      env: { HOME: home, JDCLOUD_ACCESS_KEY: "A", JDCLOUD_SECRET_KEY: "S" },
    });
    expect(result.code).toBe(2);
    expect(result.requests).toEqual([]);
    expect(result.stderr.split("\n")[0]).toMatch(/, or have its endpoint configured by --endpoint, or endpoint \(and scheme\) in the ~\/\.jdc\/config profile$/);
  });
});

describe("OTC: a user name and password in clouds.yaml", () => {
  it("obtains an IAM token first and sends it; the password never shows, not even in --json", async () => {
    write(
      "secure.yaml",
      `clouds:\n  pw:\n    auth:\n      password: ${PASSWORD}\n`,
    );
    write(
      ".config/openstack/clouds.yaml",
      `clouds:\n  pw:\n    region_name: eu-de\n    auth:\n      auth_url: https://iam.eu-de.otc.t-systems.com/v3\n      username: alice\n      user_domain_name: OTC00000000001000000001\n      project_id: ${PROJECT}\n`,
    );
    const bodies: string[] = [];
    const fetch: FetchLike = async (request) => {
      if (request.url.endsWith("/v3/auth/tokens")) {
        bodies.push(await request.text());
        return json({ token: { expires_at: "2099-01-01T00:00:00.000000Z" } }, 201, { "X-Subject-Token": "MIIfake-token" });
      }
      return json(FILES);
    };
    const env = { HOME: home, OS_CLOUD: "pw", OS_CLIENT_SECURE_FILE: join(home, "secure.yaml") };
    const result = await runCaptured(["links", "otc-rds", "--backup-id", "b1", "--json"], { env, fetch });
    expect(result.code).toBe(0);
    expect(result.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST https://iam.eu-de.otc.t-systems.com/v3/auth/tokens",
      `GET https://rds.eu-de.otc.t-systems.com/v3/${PROJECT}/backup-files?backup_id=b1`,
    ]);
    expect(JSON.parse(bodies[0]!)).toEqual({
      auth: {
        identity: { methods: ["password"], password: { user: { name: "alice", domain: { name: "OTC00000000001000000001" }, password: PASSWORD } } },
        scope: { project: { id: PROJECT } },
      },
    });
    expect(result.requests[1]!.headers.get("x-auth-token")).toBe("MIIfake-token");
    const config = await runCaptured(["config", "otc-rds", "--json"], { env });
    expect(JSON.parse(config.stdout).credentials).toEqual({
      value: "IAM token from a user name and password",
      source: `${join(home, ".config/openstack/clouds.yaml")}: clouds.pw.auth (password: IAM token from https://iam.eu-de.otc.t-systems.com/v3)`,
    });
    for (const output of [result.stdout, result.stderr, config.stdout, config.stderr]) expect(output).not.toContain(PASSWORD);
  });

  it("a refused password: exit 2, a message naming the user, never the password", async () => {
    write(
      ".config/openstack/clouds.yaml",
      `clouds:\n  pw:\n    auth:\n      auth_url: https://iam.eu-de.otc.t-systems.com/v3\n      username: alice\n      password: ${PASSWORD}\n      domain_name: OTC0001\n      project_id: ${PROJECT}\n`,
    );
    const fetch: FetchLike = async () => json({ error: { code: 401 } }, 401);
    const result = await runCaptured(["links", "otc-rds", "--region", "eu-de", "--backup-id", "b1", "--json"], { env: { HOME: home, OS_CLOUD: "pw" }, fetch });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("backup-links: credentials: the IAM at https://iam.eu-de.otc.t-systems.com/v3/auth/tokens refused the password of user alice (HTTP 401)\n");
    expect(result.stdout).toBe("");
  });
});

describe("README: the clouds.yaml example", () => {
  it("prints what the README shows", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration files"));
    const yaml = /<<'YAML'\n([\s\S]*?)\nYAML\n/.exec(section)![1]!;
    const shownOutput = /```\n(otc-rds\n[\s\S]*?)```/.exec(section)![1]!;
    write(".config/openstack/clouds.yaml", `${yaml}\n`);
    const result = await runCaptured(["config", "otc-rds", "--os-cloud", "otc"], { env: { HOME: home } });
    expect(result.code).toBe(0);
    expect(result.stdout.replaceAll(home, "/home/me")).toBe(shownOutput);
    expect(result.stdout).not.toContain("change-me");
  });
});
