import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRequestSigner } from "../src/index.js";

describe("README example", () => {
  it("prints what the signer really produces", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /```js\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const printed = [...block.matchAll(/^\/\/ (\S.*)$/gm)].map((m) => m[1]);
    const sign = createRequestSigner({
      provider: "huaweicloud",
      credentials: { accessKey: "AccessKey", secretKey: "SecretKey" },
      clock: () => Date.UTC(2020, 5, 8, 2, 39, 0),
    });
    const signed = await sign(new Request("https://service.endpoint.myhuaweicloud.com/resources?size=1"));
    expect(block).toContain("clock: () => Date.UTC(2020, 5, 8, 2, 39, 0)");
    expect(printed).toEqual([signed.headers.get("x-sdk-date"), signed.headers.get("authorization")]);
  });
});
