import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  NetworkError,
  TimeoutError,
  ValidationError,
  apiErrorFromResponse,
  createTransport,
  credentialsFromEnv,
  protectCredentials,
  redactText,
  redactUrl,
  HUAWEICLOUD_RDS,
} from "../src/index.js";

const SECRET = "SECRETKEY-9f8e7d6c5b4a";
const TOKEN = "STSTOKEN-0a1b2c3d4e5f";
const SIGNATURE = "SIGVALUE-a1b2c3";
const LINK = `https://bucket.obs.eu-de.otc.t-systems.com/backup.tar.gz?AWSAccessKeyId=AKID&Expires=1700000000&Signature=${SIGNATURE}`;

/** The four ways a value gets printed. */
function renderings(value: unknown): string[] {
  return [
    value instanceof Error ? value.message : String((value as { message?: unknown }).message ?? ""),
    String(value),
    inspect(value, { depth: 10, showHidden: false }),
    JSON.stringify(value) ?? "",
  ];
}

function expectClean(value: unknown) {
  for (const text of renderings(value)) {
    for (const secret of [SECRET, TOKEN, SIGNATURE]) expect(text).not.toContain(secret);
  }
}

describe("redactUrl", () => {
  it.each([
    [LINK, "https://bucket.obs.eu-de.otc.t-systems.com/backup.tar.gz?<redacted>"],
    ["https://h/p?X-Amz-Signature=abc&X-Amz-Credential=c#frag", "https://h/p?<redacted>"],
    ["https://user:pass@h:8443/a/b", "https://h:8443/a/b"],
    ["https://h/a?", "https://h/a?<redacted>"],
    ["https://h/a#token=1", "https://h/a"],
    ["s3://bucket/key?sig=1", "s3://bucket/key?<redacted>"],
    ["/relative/path?Signature=x", "/relative/path?<redacted>"],
    ["not a url", "not a url"],
  ])("%s -> %s", (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it("accepts URL objects", () => {
    expect(redactUrl(new URL(LINK))).toBe("https://bucket.obs.eu-de.otc.t-systems.com/backup.tar.gz?<redacted>");
  });
});

describe("redactText", () => {
  it("redacts every URL query and bare signature-like parameters", () => {
    expect(redactText(`a ${LINK} b "https://x/y?token=t" Signature=abc&Expires=5 x-auth-token=zzz`)).toBe(
      'a https://bucket.obs.eu-de.otc.t-systems.com/backup.tar.gz?<redacted> b "https://x/y?<redacted>" Signature=<redacted>&Expires=<redacted> x-auth-token=<redacted>',
    );
    expect(redactText("X-Security-Token=s1 access_token=a1 security_token=b1 accesstoken=c1")).toBe(
      "X-Security-Token=<redacted> access_token=<redacted> security_token=<redacted> accesstoken=<redacted>",
    );
  });
});

describe("no secret in message, toString, util.inspect or JSON.stringify", () => {
  it("errors", async () => {
    const errors = [
      new ApiError({ status: 403, errorMessage: `denied for ${LINK}`, url: LINK, method: "GET" }),
      await apiErrorFromResponse(new Response(`<p>expired: ${LINK}</p>`, { status: 403 }), { request: { method: "GET", url: LINK } }),
      new NetworkError(`connect failed for ${LINK}`, { url: LINK, cause: new Error("ECONNRESET") }),
      new TimeoutError(5, { url: LINK, method: "GET" }),
      new ValidationError("credentials.secretKey", "must be a non-empty string"),
    ];
    for (const e of errors) expectClean(e);
    expect((errors[0] as ApiError).url).toBe("https://bucket.obs.eu-de.otc.t-systems.com/backup.tar.gz?<redacted>");
  });

  it("credentials objects, protected or from the environment", () => {
    const protectedCreds = protectCredentials({ accessKey: "AKID", secretKey: SECRET, securityToken: TOKEN });
    expectClean(protectedCreds);
    expect(JSON.stringify(protectedCreds)).toBe('{"accessKey":"AKID","secretKey":"<redacted>","securityToken":"<redacted>"}');
    expect(inspect(protectedCreds, { breakLength: Infinity })).toBe("{ accessKey: 'AKID', secretKey: '<redacted>', securityToken: '<redacted>' }");
    expect(String(protectedCreds)).toBe("[Credentials]");
    // still usable
    expect([protectedCreds.accessKey, protectedCreds.secretKey, protectedCreds.securityToken]).toEqual(["AKID", SECRET, TOKEN]);
    expect(Object.keys(protectedCreds)).toEqual(["accessKey"]);
    // protecting twice keeps the secrets
    expect(protectCredentials(protectedCreds).secretKey).toBe(SECRET);

    const token = protectCredentials({ token: TOKEN });
    expectClean(token);
    expect(token.token).toBe(TOKEN);

    const fromEnv = credentialsFromEnv("otc", { OS_ACCESS_KEY: "AKID", OS_SECRET_KEY: SECRET, OS_SECURITY_TOKEN: TOKEN });
    expectClean(fromEnv);
    expectClean(fromEnv.credentials);
  });

  it("a transport (what a client holds), even built from plain credentials", async () => {
    const transport = createTransport({
      api: HUAWEICLOUD_RDS,
      region: "cn-north-4",
      credentials: { accessKey: "AKID", secretKey: SECRET, securityToken: TOKEN },
      fetch: async () => new Response("{}"),
    });
    expectClean(transport);
    expect(inspect(transport, { depth: 10, showHidden: true })).not.toContain(SECRET);
  });
});
