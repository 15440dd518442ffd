// The mock package's README example of the mock cloud runs as written (here, where both @backup-links/mock and the
// client packages resolve) and prints `true`: the bytes behind a link are the ones the mock says a copy must hold.
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

it("the mock cloud example of @backup-links/mock's README runs and prints true", async () => {
  const readme = readFileSync(fileURLToPath(new URL("../../mock/README.md", import.meta.url)), "utf8");
  const code = /```js\n(\/\/ cloud-example\.mjs[\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toContain("startMockCloud");
  const file = fileURLToPath(new URL("./.cloud-example.mjs", import.meta.url));
  writeFileSync(file, code!);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [file]);
    expect({ stdout, stderr }).toEqual({ stdout: "true\n", stderr: "" });
  } finally {
    rmSync(file, { force: true });
  }
});
