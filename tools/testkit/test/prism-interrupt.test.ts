import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const FIXTURE_DIR = fileURLToPath(new URL("./fixtures/interrupted/", import.meta.url));
const SPEC = fileURLToPath(new URL("./fixtures/prism-tiny.json", import.meta.url));
const VITEST = join(createRequire(import.meta.url).resolve("vitest/package.json"), "..", "vitest.mjs");

/** Command lines of every process that mentions `marker`. */
function processesMentioning(marker: string): string[] {
  return execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(marker) && !/^\s*\d+\s+ps /.test(line));
}

async function until<T>(what: () => string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("an interrupted `vitest run` with a running mock leaves no Prism process", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(signal, async () => {
      // A private TMPDIR: the Prism of this child run serves its spec copy from there, so `ps` can tell it apart.
      const tmp = mkdtempSync(join(tmpdir(), `bl-testkit-interrupt-${signal.toLowerCase()}-`));
      const readyFile = join(tmp, "ready.json");
      const child = spawn(process.execPath, [VITEST, "run", "--config", join(FIXTURE_DIR, "vitest.config.ts")], {
        cwd: FIXTURE_DIR,
        env: { ...process.env, TMPDIR: tmp, HOLD_SPEC: SPEC, HOLD_READY_FILE: readyFile, CI: "true" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
      let worker: number | undefined;
      try {
        const { pid, url, worker: workerPid } = await until(
          () => `the child suite to start its mock; its output:\n${output}`,
          () => (existsSync(readyFile) ? (JSON.parse(readFileSync(readyFile, "utf8")) as { pid: number; url: string; worker: number }) : undefined),
          90_000,
        );
        worker = workerPid;
        expect((await fetch(`${url}/v1/things/a?limit=1`, { headers: { "X-Auth-Token": "t" } })).status).toBe(200);
        expect(processesMentioning(tmp).join("\n")).toContain(`${pid} `);

        child.kill(signal);
        await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error(`vitest ignored ${signal}\n${output}`)), 30_000))]);
        await until(() => "every Prism of the interrupted run to exit", () => (processesMentioning(tmp).length === 0 ? true : undefined), 10_000);
        expect(processesMentioning(tmp)).toEqual([]);
        expect(readdirSync(tmp).filter((name) => name.startsWith("backup-links-prism-"))).toEqual([]);
      } finally {
        child.kill("SIGKILL");
        // vitest leaves its fork worker running until the current test ends (110 s here): end it by its pid.
        if (worker !== undefined) {
          try {
            process.kill(worker, "SIGKILL");
          } catch {
            // already gone
          }
        }
        rmSync(tmp, { recursive: true, force: true });
      }
    }, 150_000);
  }
});
