import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPackageFacts } from "../src/package-info.js";

function packageDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "docs-pkg-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe("readPackageFacts", () => {
  it("reads name, version, description, the README's first TypeScript example and the factory", () => {
    const dir = packageDir({
      "package.json": JSON.stringify({ name: "@backup-links/x", version: "1.2.3", description: "Client for X" }),
      "README.md": "# x\n\n```sh\nnpm install @backup-links/x\n```\n\n```ts\nimport { createXClient } from \"@backup-links/x\";\nconst x = createXClient({});\n```\n\n```ts\nsecond();\n```\n",
      "src/index.ts": "export { createXClient, type XOptions } from \"./client.js\";\n",
    });
    expect(readPackageFacts(dir)).toEqual({
      name: "@backup-links/x",
      version: "1.2.3",
      description: "Client for X",
      readmeExample: 'import { createXClient } from "@backup-links/x";\nconst x = createXClient({});',
      factory: "createXClient",
    });
  });

  it("finds a factory declared in the entry file, and leaves out what is missing", () => {
    const dir = packageDir({
      "package.json": JSON.stringify({ name: "@backup-links/y", version: "0.1.0" }),
      "src/index.ts": "export function createYClient(options: YOptions): YClient {\n  return build(options);\n}\n",
    });
    expect(readPackageFacts(dir)).toEqual({ name: "@backup-links/y", version: "0.1.0", factory: "createYClient" });
  });

  it("names the manifest and the field when something is wrong", () => {
    const missing = packageDir({});
    expect(() => readPackageFacts(missing)).toThrow(`${path.join(missing, "package.json")}: missing (every API needs its client package)`);
    const noName = packageDir({ "package.json": JSON.stringify({ version: "1.0.0" }) });
    expect(() => readPackageFacts(noName)).toThrow(`${path.join(noName, "package.json")}: name must be a non-empty string`);
  });
});

describe("readPackageFacts: the factory's @example", () => {
  it("takes the @example of the factory's doc comment, adds the import, and stops at the next tag", () => {
    const dir = packageDir({
      "package.json": JSON.stringify({ name: "@backup-links/z", version: "0.1.0" }),
      "src/index.ts": [
        "/**",
        " * Creates the client.",
        " *",
        " * @example",
        " * const z = createZClient({ region: \"eu-de\" });",
        " * const { files } = await z.getBackupDownloadLinks({ backupId });",
        " * @see somewhere",
        " */",
        "export function createZClient(options: ZOptions = {}): ZClient {",
        "  return make(options);",
        "}",
      ].join("\n"),
    });
    expect(readPackageFacts(dir)).toEqual({
      name: "@backup-links/z",
      version: "0.1.0",
      factory: "createZClient",
      factoryExample: [
        'import { createZClient } from "@backup-links/z";',
        "",
        'const z = createZClient({ region: "eu-de" });',
        "const { files } = await z.getBackupDownloadLinks({ backupId });",
      ].join("\n"),
    });
  });
});
