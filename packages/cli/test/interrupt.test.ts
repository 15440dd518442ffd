import { spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileServer } from "./helpers/file-server.js";
import { TEST_ENV, TEST_SECRETS } from "./helpers/run.js";
import { listDir, sha256File, tempDir } from "./helpers/tmp.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

let server: FileServer;
let out: string;

beforeEach(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the package first (pnpm turbo run build --filter=@backup-links/cli)`);
  server = await new FileServer().start();
  out = await tempDir();
});
afterEach(async () => {
  await server.stop();
  await fs.rm(out, { recursive: true, force: true });
});

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `backup-links download` as a child process; `whilePartial` runs once the .part file has grown. */
function runBin(
  key: string,
  whilePartial?: (child: ReturnType<typeof spawn>) => void,
): Promise<Finished> {
  const child = spawn(process.execPath, [BIN, "download", "otc-rds", "--endpoint", server.baseUrl, "--backup-id", "b1", "--out", out], {
    env: { ...TEST_ENV, PATH: process.env.PATH },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  let poll: NodeJS.Timeout | undefined;
  if (whilePartial) {
    poll = setInterval(() => {
      fs.stat(path.join(out, `${key}.part`))
        .then((stat) => {
          if (stat.size > 200_000 && poll) {
            clearInterval(poll);
            poll = undefined;
            whilePartial(child);
          }
        })
        .catch(() => undefined);
    }, 20);
  }
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      if (poll) clearInterval(poll);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe("interrupting a download", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s leaves a resumable partial file and nothing at the final name; the same command then completes it", async (signal, exitCode) => {
    const file = server.addFile("big.qp", 2_000_000, { throttle: 1_000_000 });
    server.apiFiles = ["big.qp"];

    const first = await runBin("big.qp", (child) => child.kill(signal));
    expect(first.code).toBe(exitCode);
    expect(first.stderr).toContain(`Interrupted: partial files are kept in ${out}; run the same command again to resume.\n`);
    expect(await listDir(out)).toEqual(["big.qp.part", "big.qp.part.json"]);
    const partSize = (await fs.stat(path.join(out, "big.qp.part"))).size;
    expect(partSize).toBeGreaterThan(200_000);
    expect(partSize).toBeLessThan(2_000_000);
    // The partial file is a prefix of the real one.
    const partial = await fs.readFile(path.join(out, "big.qp.part"));
    expect(partial.equals(file.content.subarray(0, partSize))).toBe(true);

    file.throttle = undefined;
    const second = await runBin("big.qp");
    expect(second.code).toBe(0);
    expect(await sha256File(path.join(out, "big.qp"))).toBe(file.sha256);
    expect(await listDir(out)).toEqual(["big.qp", "big.qp.sha256"]);
    expect(server.requestsFor("big.qp").at(-1)).toMatchObject({ range: `bytes=${partSize}-`, status: 206 });
    expect(second.stderr).toContain(`big.qp: resuming at `);

    for (const text of [first.stdout, first.stderr, second.stdout, second.stderr]) {
      expect(text).not.toContain("token=");
      expect(text).not.toContain("SECRETSIG");
      for (const secret of TEST_SECRETS) expect(text).not.toContain(secret);
    }
  });
});
