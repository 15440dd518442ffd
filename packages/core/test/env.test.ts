import { describe, expect, it } from "vitest";
import { CredentialsError, ENVIRONMENT_VARIABLES, credentialsFromEnv } from "../src/index.js";

const plain = (c: object) => JSON.parse(JSON.stringify(c)) as unknown;

describe("credentialsFromEnv", () => {
  it("huaweicloud: SDK names, with project id and security token", () => {
    const cfg = credentialsFromEnv("huaweicloud", {
      HUAWEICLOUD_SDK_AK: "AK1",
      HUAWEICLOUD_SDK_SK: "SK1\n",
      HUAWEICLOUD_SDK_PROJECT_ID: "pid",
      HUAWEICLOUD_SDK_SECURITY_TOKEN: "tok",
      HW_REGION_NAME: "cn-north-4",
    });
    expect(cfg.credentials).toMatchObject({ accessKey: "AK1", secretKey: "SK1", securityToken: "tok" });
    expect([cfg.projectId, cfg.region]).toEqual(["pid", "cn-north-4"]);
  });

  it("huaweicloud: SDK names win over Terraform's HW_* names; HW_* alone work", () => {
    const both = credentialsFromEnv("huaweicloud", { HUAWEICLOUD_SDK_AK: "A", HUAWEICLOUD_SDK_SK: "S", HW_ACCESS_KEY: "B", HW_SECRET_KEY: "T" });
    expect([("accessKey" in both.credentials) && both.credentials.accessKey]).toEqual(["A"]);
    const tf = credentialsFromEnv("huaweicloud", { HW_ACCESS_KEY: "B", HW_SECRET_KEY: "T", HW_PROJECT_ID: "p2" });
    expect(tf.credentials).toMatchObject({ accessKey: "B", secretKey: "T" });
    expect(tf.projectId).toBe("p2");
    expect(tf.region).toBeUndefined();
  });

  it("otc: OS_* names, token alternatives, region fallbacks", () => {
    const cfg = credentialsFromEnv("otc", { OS_ACCESS_KEY: "A", OS_SECRET_KEY: "S", OS_PROJECT_ID: "p", OS_REGION_NAME: "eu-de", OS_AUTH_TOKEN: "ignored" });
    expect(plain(cfg)).toEqual({ credentials: { accessKey: "A", secretKey: "<redacted>" }, projectId: "p", region: "eu-de" });
    const token = credentialsFromEnv("otc", { OS_AUTH_TOKEN: "t1", OS_TENANT_ID: "tid", OS_REGION: "eu-nl" });
    expect(token.credentials).toMatchObject({ token: "t1" });
    expect([token.projectId, token.region]).toEqual(["tid", "eu-nl"]);
    expect(credentialsFromEnv("otc", { OS_TOKEN: "t0", OS_AUTH_TOKEN: "t1" }).credentials).toMatchObject({ token: "t0" });
  });

  it("jdcloud: JDCLOUD_ACCESS_KEY / JDCLOUD_SECRET_KEY", () => {
    expect(plain(credentialsFromEnv("jdcloud", { JDCLOUD_ACCESS_KEY: "A", JDCLOUD_SECRET_KEY: "S" }))).toEqual({
      credentials: { accessKey: "A", secretKey: "<redacted>" },
    });
  });

  it("nothing set: CredentialsError naming the variables", () => {
    const error = (() => {
      try {
        credentialsFromEnv("otc", {});
      } catch (e) {
        return e as CredentialsError;
      }
      throw new Error("no error");
    })();
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe("credentials: not found in the environment: set OS_ACCESS_KEY and OS_SECRET_KEY (or OS_TOKEN for an IAM token)");
    expect(error.variables).toEqual(["OS_ACCESS_KEY", "OS_SECRET_KEY", "OS_TOKEN"]);
    expect(() => credentialsFromEnv("jdcloud", { JDCLOUD_ACCESS_KEY: "  " })).toThrow(
      "credentials: not found in the environment: set JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY",
    );
  });

  it("half a key pair is reported, not silently replaced by a token", () => {
    expect(() => credentialsFromEnv("huaweicloud", { HUAWEICLOUD_SDK_AK: "A", HW_AUTH_TOKEN: "t" })).toThrow(
      "credentials: incomplete in the environment: HUAWEICLOUD_SDK_SK is not set (set both HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK)",
    );
  });

  it("defaults to process.env", () => {
    const saved = { ...process.env };
    try {
      process.env.JDCLOUD_ACCESS_KEY = "PA";
      process.env.JDCLOUD_SECRET_KEY = "PS";
      expect(credentialsFromEnv("jdcloud").credentials).toMatchObject({ accessKey: "PA", secretKey: "PS" });
    } finally {
      delete process.env.JDCLOUD_ACCESS_KEY;
      delete process.env.JDCLOUD_SECRET_KEY;
      Object.assign(process.env, saved);
    }
  });

  it("publishes the names it reads", () => {
    expect(ENVIRONMENT_VARIABLES.otc.accessKey).toEqual(["OS_ACCESS_KEY"]);
    expect(ENVIRONMENT_VARIABLES.huaweicloud.secretKey).toEqual(["HUAWEICLOUD_SDK_SK", "HW_SECRET_KEY"]);
    expect(ENVIRONMENT_VARIABLES.jdcloud.region).toEqual([]);
  });
});
