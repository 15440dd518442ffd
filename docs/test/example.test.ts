import { describe, expect, it } from "vitest";
import { gettingStartedExample } from "../src/example.js";
import { listOperations } from "../src/openapi.js";
import { miniSpec } from "./fixtures/mini-spec.js";

describe("gettingStartedExample", () => {
  const doc = miniSpec();
  const [op] = listOperations(doc);

  it("uses the README's example when the package has one", () => {
    expect(gettingStartedExample(doc, op!, { name: "@backup-links/x", version: "1.0.0", readmeExample: "run();", factory: "createXClient" })).toEqual({
      code: "run();",
      origin: "readme",
    });
  });

  it("otherwise builds one from the factory and the spec's path and parameter examples", () => {
    const example = gettingStartedExample(doc, op!, { name: "@backup-links/x", version: "1.0.0", factory: "createXClient" });
    expect(example?.origin).toBe("generated");
    expect(example?.code).toBe(
      [
        'import { createXClient } from "@backup-links/x";',
        "",
        "// Against the mock (npx @backup-links/mock); for the cloud itself, pass region and your credentials.",
        'const client = createXClient({ baseUrl: "http://127.0.0.1:4010", credentials: { accessKey: "AK", secretKey: "SK" } });',
        'const { data, error } = await client.raw.GET("/v3/{project_id}/backup-files", {',
        '  params: { path: { "project_id": "p-1" }, query: { "backup_id": "b-1" } },',
        "});",
        "console.log(error ?? data);",
      ].join("\n"),
    );
  });

  it("has none without README example or factory", () => {
    expect(gettingStartedExample(doc, op!, { name: "@backup-links/x", version: "1.0.0" })).toBeUndefined();
  });
});

describe("gettingStartedExample: order of sources", () => {
  it("prefers the README, then the factory's @example, then a generated one", () => {
    const doc = miniSpec();
    const [op] = listOperations(doc);
    const base = { name: "@backup-links/x", version: "1.0.0", factory: "createXClient" };
    expect(gettingStartedExample(doc, op!, { ...base, readmeExample: "a();", factoryExample: "b();" })?.origin).toBe("readme");
    expect(gettingStartedExample(doc, op!, { ...base, factoryExample: "b();" })).toEqual({ code: "b();", origin: "doc-comment" });
    expect(gettingStartedExample(doc, op!, base)?.origin).toBe("generated");
  });
});
