import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeSources, loadConfig, missingCredentialsError, parseIni, type LoadConfigOptions } from "../src/node/index.js";

let root: string;
let home: string;
let cwd: string;
let etc: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "backup-links-config-"));
  home = join(root, "home");
  cwd = join(root, "work");
  etc = join(root, "etc", "openstack");
  for (const dir of [home, cwd, etc]) mkdirSync(dir, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};
const load = (options: Partial<LoadConfigOptions> & Pick<LoadConfigOptions, "provider">) =>
  loadConfig({ service: "rds", env: {}, home, cwd, systemConfigDirs: [etc], ...options });
const secretsOf = (value: unknown) => [inspect(value, { depth: 8 }), JSON.stringify(value)].join("\n");

describe("Huawei Cloud conventions", () => {
  it("HUAWEICLOUD_SDK_REGION_ID before HW_REGION_NAME; an explicit region wins", () => {
    expect(load({ provider: "huaweicloud", env: { HUAWEICLOUD_SDK_REGION_ID: "ap-southeast-3", HW_REGION_NAME: "eu-west-0" } }).region).toEqual({
      value: "ap-southeast-3",
      source: "env HUAWEICLOUD_SDK_REGION_ID",
    });
    expect(load({ provider: "huaweicloud", env: { HW_REGION_NAME: "eu-west-0" } }).region).toEqual({ value: "eu-west-0", source: "env HW_REGION_NAME" });
    expect(load({ provider: "huaweicloud", region: "cn-north-4", env: { HUAWEICLOUD_SDK_REGION_ID: "ap-southeast-3" } }).region).toEqual({
      value: "cn-north-4",
      source: "option",
    });
  });

  it("endpoint from HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION_ID} (the first of a comma-separated list) over the regions file", () => {
    write(join(home, ".huaweicloud", "regions.yaml"), "RDS:\n  - id: cn-north-99\n    endpoint: https://rds.from-file.example\n");
    const config = load({
      provider: "huaweicloud",
      region: "cn-north-99",
      env: { HUAWEICLOUD_SDK_REGION_RDS_CN_NORTH_99: " https://rds.cn-north-99.example/ ,https://backup.example" },
    });
    expect(config.endpoint).toEqual({ value: "https://rds.cn-north-99.example", source: "env HUAWEICLOUD_SDK_REGION_RDS_CN_NORTH_99" });
  });

  it("endpoint from ~/.huaweicloud/regions.yaml (service in any case, endpoint or endpoints) and from HUAWEICLOUD_SDK_REGIONS_FILE", () => {
    const file = join(home, ".huaweicloud", "regions.yaml");
    write(file, "Rds:\n  - id: other\n    endpoint: https://other.example\n  - id: cn-north-99\n    endpoints: [https://a.example, https://b.example]\n");
    expect(load({ provider: "huaweicloud", region: "cn-north-99" }).endpoint).toEqual({ value: "https://a.example", source: `${file}: Rds[1]` });
    const named = join(root, "my-regions.yml");
    write(named, "DDS:\n  - id: la-north-9\n    endpoint: http://127.0.0.1:9/\n");
    expect(load({ provider: "huaweicloud", service: "dds", region: "la-north-9", env: { HUAWEICLOUD_SDK_REGIONS_FILE: named } }).endpoint).toEqual({
      value: "http://127.0.0.1:9",
      source: `${named}: DDS[0]`,
    });
    expect(load({ provider: "huaweicloud", service: "dcs", region: "cn-north-99" }).endpoint).toBeUndefined();
  });

  it("a malformed regions file names the file and the entry", () => {
    const file = join(home, ".huaweicloud", "regions.yaml");
    write(file, "RDS:\n  - id: cn-north-99\n    endpoint: ftp://x\n");
    expect(() => load({ provider: "huaweicloud", region: "cn-north-99" })).toThrow(
      `${file}: RDS[0].endpoint: must be an absolute http or https URL without credentials, query or fragment`,
    );
    write(file, "RDS: {id: x}\n");
    expect(() => load({ provider: "huaweicloud", region: "x" })).toThrow(`${file}: RDS: must be a list of { id, endpoint }`);
    write(file, "RDS:\n  - id: [\n");
    expect(() => load({ provider: "huaweicloud", region: "x" })).toThrow(`${file}:3: is not valid YAML`);
  });

  it("regions file as both SDKs read it: the later of two entries wins, entries without id or endpoint are skipped, a bare host gets https://", () => {
    const file = join(home, ".huaweicloud", "regions.yaml");
    write(
      file,
      "RDS:\n  - endpoint: https://no-id.example\n  - id: cn-north-99\n    endpoint: https://first.example\n  - id: cn-north-99\n    endpoints: [rds.later.example, https://b.example]\n  - id: cn-north-99\n  - id: cn-north-99\n    endpoints: []\nDDS:\n",
    );
    expect(load({ provider: "huaweicloud", region: "cn-north-99" }).endpoint).toEqual({ value: "https://rds.later.example", source: `${file}: RDS[2]` });
    expect(load({ provider: "huaweicloud", service: "dds", region: "cn-north-99" }).endpoint).toBeUndefined();
    write(file, "RDS:\n  - id: cn-north-99\n");
    expect(load({ provider: "huaweicloud", region: "cn-north-99" }).endpoint).toBeUndefined();
  });

  it("HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION_ID}: a bare host gets https://, blank list items are skipped", () => {
    expect(load({ provider: "huaweicloud", region: "cn-north-99", env: { HUAWEICLOUD_SDK_REGION_RDS_CN_NORTH_99: "rds.cn-north-99.example" } }).endpoint).toEqual({
      value: "https://rds.cn-north-99.example",
      source: "env HUAWEICLOUD_SDK_REGION_RDS_CN_NORTH_99",
    });
    expect(load({ provider: "huaweicloud", region: "cn-north-99", env: { HUAWEICLOUD_SDK_REGION_RDS_CN_NORTH_99: " , http://127.0.0.1:9" } }).endpoint?.value).toBe(
      "http://127.0.0.1:9",
    );
  });

  it("a configuration file over 1 MiB, or a directory in its place, is refused naming the file", () => {
    const file = join(home, ".huaweicloud", "credentials");
    write(file, `[basic]\nak = A\nsk = S\n${"# padding\n".repeat(120_000)}`);
    expect(() => load({ provider: "huaweicloud" })).toThrow(`${file}: is larger than 1 MiB, too large for a configuration file`);
    rmSync(file);
    mkdirSync(file);
    expect(() => load({ provider: "huaweicloud" })).toThrow(`${file}: must be a regular file`);
  });

  it("credentials and project id from ~/.huaweicloud/credentials [basic]; the environment wins", () => {
    const file = join(home, ".huaweicloud", "credentials");
    write(file, "# SDK profile\n[basic]\nak = FILEAK\nsk = file-secret-key\nproject_id = fileproject\n\n[global]\nak = G\nsk = G\n");
    const config = load({ provider: "huaweicloud" });
    expect(config.credentials?.value).toMatchObject({ accessKey: "FILEAK", secretKey: "file-secret-key" });
    expect(describeSources(config)).toEqual({
      credentials: `${file} [basic]`,
      projectId: `${file} [basic] project_id`,
      region: "not set",
      endpoint: "not set",
    });
    expect(secretsOf(config)).not.toContain("file-secret-key");
    const env = { HUAWEICLOUD_SDK_AK: "ENVAK", HUAWEICLOUD_SDK_SK: "env-sk", HW_PROJECT_ID: "envproject" };
    expect(describeSources(load({ provider: "huaweicloud", env }))).toMatchObject({
      credentials: "env HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK",
      projectId: "env HW_PROJECT_ID",
    });
    const named = join(root, "creds.ini");
    write(named, "[basic]\nak: A2\nsk: S2\nsecurity_token: T2\n");
    expect(load({ provider: "huaweicloud", env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: named } }).credentials?.value).toMatchObject({
      accessKey: "A2",
      securityToken: "T2",
    });
    write(file, "[basic]\nak = ONLY\n");
    expect(() => load({ provider: "huaweicloud" })).toThrow(`${file} [basic]: needs both ak and sk`);
  });

  it("no credentials anywhere: the error names the variables and the file", () => {
    const config = load({ provider: "huaweicloud" });
    expect(config.credentials).toBeUndefined();
    expect(missingCredentialsError("huaweicloud", config, {}).message).toBe(
      "credentials: not found in the environment: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or HW_AUTH_TOKEN for an IAM token); or in HUAWEICLOUD_SDK_CREDENTIALS_FILE or ~/.huaweicloud/credentials [basic]",
    );
  });
});

describe("Open Telekom Cloud: OS_CLOUD and clouds.yaml / secure.yaml", () => {
  const CLOUDS = `clouds:
  otc:
    region_name: eu-de
    rds_endpoint_override: https://rds.private.example/
    auth:
      auth_url: https://iam.eu-de.otc.t-systems.com/v3
      project_id: 0123456789abcdef0123456789abcdef
      ak: FILEAK
  other:
    auth: {token: file-token-value}
`;

  it("finds clouds.yaml in ~/.config/openstack and merges secure.yaml from the current directory over it", () => {
    const clouds = join(home, ".config", "openstack", "clouds.yaml");
    write(clouds, CLOUDS);
    write(join(cwd, "secure.yaml"), "clouds:\n  otc:\n    auth:\n      sk: secure-secret-key\n");
    const config = load({ provider: "otc", env: { OS_CLOUD: "otc" } });
    expect(config.credentials?.value).toMatchObject({ accessKey: "FILEAK", secretKey: "secure-secret-key" });
    expect(describeSources(config)).toEqual({
      credentials: `${clouds}: clouds.otc.auth (ak, sk)`,
      projectId: `${clouds}: clouds.otc.auth.project_id`,
      region: `${clouds}: clouds.otc.region_name`,
      endpoint: `${clouds}: clouds.otc.rds_endpoint_override`,
    });
    expect(config.endpoint?.value).toBe("https://rds.private.example");
    expect(secretsOf(config)).not.toContain("secure-secret-key");
  });

  it("search order: ./clouds.yaml first, then ~/.config/openstack, then /etc/openstack; OS_CLIENT_CONFIG_FILE before all", () => {
    write(join(etc, "clouds.yaml"), "clouds:\n  otc:\n    region_name: from-etc\n");
    expect(load({ provider: "otc", cloud: "otc" }).region?.value).toBe("from-etc");
    write(join(home, ".config", "openstack", "clouds.yml"), "clouds:\n  otc:\n    region_name: from-home\n");
    expect(load({ provider: "otc", cloud: "otc" }).region?.value).toBe("from-home");
    write(join(cwd, "clouds.json"), '{"clouds": {"otc": {"region_name": "from-cwd"}}}');
    expect(load({ provider: "otc", cloud: "otc" }).region?.value).toBe("from-cwd");
    const named = join(root, "elsewhere.yaml");
    write(named, "clouds:\n  otc:\n    region_name: from-variable\n");
    expect(load({ provider: "otc", cloud: "otc", env: { OS_CLIENT_CONFIG_FILE: named } }).region).toEqual({
      value: "from-variable",
      source: `${named}: clouds.otc.region_name`,
    });
  });

  it("precedence: option over environment over clouds.yaml; --os-cloud over OS_CLOUD", () => {
    write(join(cwd, "clouds.yaml"), CLOUDS);
    const env = { OS_CLOUD: "other", OS_REGION_NAME: "eu-nl", OS_PROJECT_ID: "envproject" };
    const fromOther = load({ provider: "otc", env });
    expect(describeSources(fromOther)).toEqual({
      credentials: `${join(cwd, "clouds.yaml")}: clouds.other.auth.token`,
      projectId: "env OS_PROJECT_ID",
      region: "env OS_REGION_NAME",
      endpoint: "not set",
    });
    expect((fromOther.credentials?.value as { token: string }).token).toBe("file-token-value");
    const chosen = load({ provider: "otc", env: { ...env, OS_ACCESS_KEY: "ENVAK", OS_SECRET_KEY: "env-sk" }, cloud: "otc", region: "eu-ch2", endpoint: "http://127.0.0.1:4010" });
    expect(describeSources(chosen)).toEqual({
      credentials: "env OS_ACCESS_KEY + OS_SECRET_KEY",
      projectId: "env OS_PROJECT_ID",
      region: "option",
      endpoint: "option",
    });
  });

  it("a user name and password become an IAM token source (the password never shown)", () => {
    write(
      join(cwd, "clouds.yaml"),
      "clouds:\n  pw:\n    auth:\n      auth_url: https://iam.eu-de.otc.t-systems.com/v3\n      username: alice\n      password: hunter2-password\n      user_domain_name: OTC0001\n      project_name: eu-de\n",
    );
    const config = load({ provider: "otc", cloud: "pw" });
    expect(typeof (config.credentials?.value as { token: unknown }).token).toBe("function");
    expect(config.credentials?.source).toBe(`${join(cwd, "clouds.yaml")}: clouds.pw.auth (password: IAM token from https://iam.eu-de.otc.t-systems.com/v3)`);
    expect(secretsOf(config)).not.toContain("hunter2");
  });

  it("OS_USERNAME + OS_PASSWORD (openstacksdk's OS_ + key names) log in; they win over clouds.yaml, AK/SK variables win over them", async () => {
    write(join(cwd, "clouds.yaml"), CLOUDS);
    const bodies: string[] = [];
    const fetch = async (request: Request) => {
      bodies.push(await request.text());
      return new Response('{"token":{"expires_at":"2099-01-01T00:00:00Z"}}', { status: 201, headers: { "X-Subject-Token": "env-token" } });
    };
    const env = {
      OS_CLOUD: "otc",
      OS_AUTH_URL: "https://iam.eu-de.otc.t-systems.com/v3",
      OS_USERNAME: "bob",
      OS_PASSWORD: "env-password-secret",
      OS_DOMAIN_NAME: "OTC0002",
      OS_PROJECT_NAME: "eu-de_backup",
    };
    const config = load({ provider: "otc", env, fetch });
    expect(describeSources(config)).toEqual({
      credentials: "env OS_PASSWORD (password: IAM token from https://iam.eu-de.otc.t-systems.com/v3)",
      projectId: `${join(cwd, "clouds.yaml")}: clouds.otc.auth.project_id`,
      region: `${join(cwd, "clouds.yaml")}: clouds.otc.region_name`,
      endpoint: `${join(cwd, "clouds.yaml")}: clouds.otc.rds_endpoint_override`,
    });
    expect(await (config.credentials?.value as { token: () => Promise<string> }).token()).toBe("env-token");
    expect(JSON.parse(bodies[0]!)).toEqual({
      auth: {
        identity: { methods: ["password"], password: { user: { name: "bob", domain: { name: "OTC0002" }, password: "env-password-secret" } } },
        // openstacksdk `_handle_domain_id`: with a project scope, OS_DOMAIN_NAME is the project's domain too.
        scope: { project: { name: "eu-de_backup", domain: { name: "OTC0002" } } },
      },
    });
    expect(secretsOf(config)).not.toContain("env-password-secret");
    // The same login again (a second request of the same run) shares the cached token: no second IAM request.
    const again = load({ provider: "otc", env, fetch });
    expect(await (again.credentials?.value as { token: () => Promise<string> }).token()).toBe("env-token");
    expect(bodies).toHaveLength(1);
    expect(load({ provider: "otc", env: { ...env, OS_ACCESS_KEY: "A", OS_SECRET_KEY: "S" } }).credentials?.source).toBe("env OS_ACCESS_KEY + OS_SECRET_KEY");
    const { OS_AUTH_URL: _url, ...withoutUrl } = env;
    expect(() => load({ provider: "otc", env: withoutUrl })).toThrow("OS_AUTH_URL: is required with a password");
    const { OS_DOMAIN_NAME: _domain, ...withoutDomain } = env;
    expect(() => load({ provider: "otc", env: withoutDomain })).toThrow("OS_USER_DOMAIN_NAME: is required with a user name (or OS_DOMAIN_NAME, OS_USER_DOMAIN_ID)");
  });

  it("errors name the file and the entry, never the value", () => {
    expect(() => load({ provider: "otc", cloud: "missing" })).toThrow(`OS_CLOUD: names cloud "missing", which is not in clouds.yaml in ${cwd}, ${join(home, ".config", "openstack")}, ${etc}`);
    write(join(cwd, "clouds.yaml"), "clouds:\n  bad:\n    auth:\n      ak: A\n  nourl:\n    auth: {username: u, password: very-secret-pw}\n  list:\n    auth: [1]\n");
    expect(() => load({ provider: "otc", cloud: "bad" })).toThrow(`${join(cwd, "clouds.yaml")}: clouds.bad.auth: needs both ak and sk`);
    expect(() => load({ provider: "otc", cloud: "nourl" })).toThrow(`${join(cwd, "clouds.yaml")}: clouds.nourl.auth.auth_url: is required with a password`);
    expect(() => load({ provider: "otc", cloud: "list" })).toThrow(`${join(cwd, "clouds.yaml")}: clouds.list.auth: must be a mapping`);
    write(join(cwd, "clouds.yaml"), "clouds:\n  x:\n    auth:\n      password: 'unterminated-secret\n");
    const error = (() => {
      try {
        load({ provider: "otc", cloud: "x" });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/^.*clouds\.yaml:\d+: is not valid YAML$/);
    expect(error?.message).not.toContain("unterminated-secret");
  });

  it("auth keys as openstacksdk reads them: tenant_name, keys next to auth:, dashes, domain_id for user and project, project_domain_id", async () => {
    const bodies: unknown[] = [];
    const fetch = async (request: Request) => {
      bodies.push(JSON.parse(await request.text()));
      return new Response('{"token":{"expires_at":"2099-01-01T00:00:00.000000Z"}}', { status: 201, headers: { "X-Subject-Token": "t" } });
    };
    write(
      join(cwd, "clouds.yaml"),
      [
        "clouds:",
        "  legacy:",
        "    tenant_name: eu-de_legacy",
        "    domain-id: dom1",
        "    auth:",
        "      auth_url: https://iam.example/v3",
        "      username: alice",
        "      password: '  spaced secret  '",
        "  pdid:",
        "    auth:",
        "      auth-url: https://iam.example",
        "      username: bob",
        "      password: pw-bob-secret",
        "      user_domain_name: OTC1",
        "      project-name: eu-de_x",
        "      project_domain_id: pd2",
        "",
      ].join("\n"),
    );
    const tokenOf = (cloud: string) => (load({ provider: "otc", cloud, fetch }).credentials?.value as { token: () => Promise<string> }).token();
    await tokenOf("legacy");
    await tokenOf("pdid");
    expect(bodies).toEqual([
      {
        auth: {
          identity: { methods: ["password"], password: { user: { name: "alice", domain: { id: "dom1" }, password: "  spaced secret  " } } },
          scope: { project: { name: "eu-de_legacy", domain: { id: "dom1" } } },
        },
      },
      {
        auth: {
          identity: { methods: ["password"], password: { user: { name: "bob", domain: { name: "OTC1" }, password: "pw-bob-secret" } } },
          scope: { project: { name: "eu-de_x", domain: { id: "pd2" } } },
        },
      },
    ]);
    expect(load({ provider: "otc", cloud: "legacy", fetch }).credentials?.source).toBe(
      `${join(cwd, "clouds.yaml")}: clouds.legacy.auth (password: IAM token from https://iam.example/v3)`,
    );
  });

  it("ak / sk next to auth: (python-otcextensions' documented clouds.yaml) are AK/SK, and win over the password", () => {
    const clouds = join(cwd, "clouds.yaml");
    write(
      clouds,
      "clouds:\n  otc:\n    profile: otc\n    auth:\n      username: u\n      password: pw-never-used\n      project_name: eu-de\n      user_domain_name: OTC1\n      auth_url: 'https://iam.eu-de.otc.t-systems.com:443/v3'\n    interface: public\n    identity_api_version: 3\n    ak: TOPAK\n    sk: top-level-secret\n",
    );
    const config = load({ provider: "otc", cloud: "otc" });
    expect(config.credentials?.source).toBe(`${clouds}: clouds.otc (ak, sk)`);
    expect(config.credentials?.value).toMatchObject({ accessKey: "TOPAK", secretKey: "top-level-secret" });
    expect(secretsOf(config)).not.toContain("top-level-secret");
  });

  it("one token source per login and per fetch: a second fake IAM is asked, not the first one's cache", async () => {
    write(join(cwd, "clouds.yaml"), "clouds:\n  pw:\n    auth: {auth_url: 'https://iam.example/v3', username: u, password: pw-secret, user_domain_name: d}\n");
    const fakeIam = (token: string) => async () =>
      new Response('{"token":{"expires_at":"2099-01-01T00:00:00Z"}}', { status: 201, headers: { "X-Subject-Token": token } });
    const tokenWith = (fetch: (request: Request) => Promise<Response>) =>
      (load({ provider: "otc", cloud: "pw", fetch }).credentials?.value as { token: () => Promise<string> }).token();
    expect(await tokenWith(fakeIam("first"))).toBe("first");
    expect(await tokenWith(fakeIam("second"))).toBe("second");
  });

  it("search path as openstacksdk: $XDG_CONFIG_HOME/openstack before ~/.config/openstack; the first of $XDG_CONFIG_DIRS before /etc/openstack", () => {
    const xdgHome = join(root, "xdg-home");
    const xdgSite = join(root, "xdg-site");
    write(join(xdgSite, "openstack", "clouds.yaml"), "clouds:\n  otc:\n    region_name: from-xdg-site\n");
    const env = { XDG_CONFIG_HOME: xdgHome, XDG_CONFIG_DIRS: `${xdgSite}:/nonexistent` };
    expect(load({ provider: "otc", cloud: "otc", env, systemConfigDirs: undefined }).region?.value).toBe("from-xdg-site");
    write(join(home, ".config", "openstack", "clouds.yaml"), "clouds:\n  otc:\n    region_name: from-home\n");
    expect(load({ provider: "otc", cloud: "otc", env, systemConfigDirs: undefined }).region?.value).toBe("from-home");
    write(join(xdgHome, "openstack", "clouds.yaml"), "clouds:\n  otc:\n    region_name: from-xdg-home\n");
    expect(load({ provider: "otc", cloud: "otc", env, systemConfigDirs: undefined }).region?.value).toBe("from-xdg-home");
  });

  it("OS_CLOUD naming an inherited property (constructor, __proto__, toString) names no cloud", () => {
    write(join(cwd, "clouds.yaml"), "clouds:\n  otc:\n    region_name: eu-de\n");
    for (const cloud of ["constructor", "__proto__", "toString"]) {
      expect(() => load({ provider: "otc", cloud })).toThrow(`OS_CLOUD: names cloud "${cloud}", which is not in ${join(cwd, "clouds.yaml")}`);
    }
  });

  it("a YAML warning (an unknown tag) is not printed: it would quote the line and its secret", () => {
    write(join(cwd, "clouds.yaml"), "clouds:\n  x:\n    auth:\n      token: !weird tag-warned-secret\n");
    const warnings = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const logs = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const config = load({ provider: "otc", cloud: "x" });
      expect((config.credentials?.value as { token: string }).token).toBe("tag-warned-secret");
      expect([...warnings.mock.calls, ...logs.mock.calls]).toEqual([]);
    } finally {
      warnings.mockRestore();
      logs.mockRestore();
    }
  });

  it("without OS_CLOUD no file is read", () => {
    write(join(cwd, "clouds.yaml"), "not: [valid");
    expect(describeSources(load({ provider: "otc" }))).toEqual({ credentials: "not set", projectId: "not set", region: "not set", endpoint: "not set" });
  });
});

describe("JD Cloud: the JD CLI's ~/.jdc/config", () => {
  it("the profile named in ~/.jdc/current (default `default`); the environment wins", () => {
    const file = join(home, ".jdc", "config");
    write(file, "[default]\naccess_key = DEFAULTAK\nsecret_key = default-sk\nregion_id = cn-north-1\nendpoint = www.jdcloud-api.com\nscheme = https\ntimeout = 20\n\n[test]\naccess_key = TESTAK\nsecret_key = test-sk\nregion_id = cn-east-2\nendpoint = rds.internal.example\nscheme = http\n");
    const byDefault = load({ provider: "jdcloud" });
    expect(describeSources(byDefault)).toEqual({ credentials: `${file} [default]`, projectId: "not set", region: `${file} [default] region_id`, endpoint: "not set" });
    expect(byDefault.credentials?.value).toMatchObject({ accessKey: "DEFAULTAK", secretKey: "default-sk" });
    write(join(home, ".jdc", "current"), "test");
    const test = load({ provider: "jdcloud" });
    expect([test.region?.value, test.endpoint]).toEqual(["cn-east-2", { value: "http://rds.internal.example", source: `${file} [test] endpoint` }]);
    expect(secretsOf(test)).not.toContain("test-sk");
    expect(load({ provider: "jdcloud", env: { JDCLOUD_ACCESS_KEY: "E", JDCLOUD_SECRET_KEY: "S" } }).credentials?.source).toBe("env JDCLOUD_ACCESS_KEY + JDCLOUD_SECRET_KEY");
  });
});

describe("parseIni", () => {
  it("sections, = and : pairs, comments; a stray line names the file and line, not its text", () => {
    const sections = parseIni("; c\n[a]\nKey = v = w\nx: y\n# c\n[b]\n", "f.ini");
    expect([...sections.entries()].map(([k, v]) => [k, Object.fromEntries(v)])).toEqual([["a", { key: "v = w", x: "y" }], ["b", {}]]);
    expect(() => parseIni("[a]\nsecret-without-equals\n", "f.ini")).toThrow(/^f\.ini:2: must be a \[section\] or a key = value line inside a section$/);
  });
});
