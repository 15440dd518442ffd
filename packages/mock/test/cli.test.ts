import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { API_IDS, specPath, type ApiId } from "../dist/index.js";
import { USAGE } from "../dist/cli.js";
import { BIN, PACKAGE_DIR, freePortRange, occupy, privateTmp, runNode, waitForNoLeftovers } from "./helpers.js";
import { exampleRequests, send } from "./spec-requests.js";

const VERSION = (JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as { version: string }).version;
const HINT = 'Run "backup-links-mock --help" for usage.\n';

/** Runs the command to completion (for invocations that must not start anything) in a private TMPDIR. */
async function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; left: unknown[] }> {
  const tmp = privateTmp("cli");
  try {
    const run = runNode(BIN, args, { TMPDIR: tmp.dir });
    const { code } = await run.exit;
    return { code, stdout: run.stdout(), stderr: run.stderr(), left: await waitForNoLeftovers({ marker: tmp.dir }, 1_000) };
  } finally {
    tmp.cleanup();
  }
}

/** Parses the "API id  URL" table the command prints once every mock listens. */
function parseTable(stdout: string): Record<string, string> {
  const rows = [...stdout.matchAll(/^(\S+)\s+(http:\/\/\S+)$/gm)];
  return Object.fromEntries(rows.map((row) => [row[1], row[2]]));
}

describe("backup-links-mock, information", () => {
  it("--help prints the usage and exits 0", async () => {
    const result = await runToEnd(["--help"]);
    expect(result).toMatchObject({ code: 0, stdout: USAGE, stderr: "" });
    for (const id of API_IDS) expect(USAGE).toContain(id);
    expect(USAGE).toContain("-p, --port <n>");
  });

  it("--version prints the package version", async () => {
    expect(await runToEnd(["--version"])).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });
});

describe("backup-links-mock, bad usage exits 2 with a clear message and starts nothing", () => {
  const cases: [string, string[], string][] = [
    ["an unknown API id", ["otc-rds", "aws-rds"], `backup-links-mock: unknown API id "aws-rds"; known ids: ${API_IDS.join(", ")}\n${HINT}`],
    ["an unknown flag", ["--bogus"], `backup-links-mock: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--bogus"\n${HINT}`],
    ["a port out of range", ["--port", "70000"], `backup-links-mock: --port must be an integer from 0 to 65535, got "70000"\n${HINT}`],
    ["a port that is not a number", ["-p", "http"], `backup-links-mock: --port must be an integer from 0 to 65535, got "http"\n${HINT}`],
    ["a flag without its value", ["otc-rds", "--port"], `backup-links-mock: Option '-p, --port <value>' argument missing\n${HINT}`],
    ["an API named twice", ["otc-dcs", "otc-dcs"], `backup-links-mock: API id "otc-dcs" is listed twice\n${HINT}`],
    ["a base port too high for all seven", ["--port", "65530"], `backup-links-mock: port 65530 is too high for 7 mocks: they need ports 65530-65536, the last port is 65535\n${HINT}`],
  ];
  for (const [what, args, stderr] of cases) {
    it(what, async () => {
      const result = await runToEnd(args);
      expect(result.stderr).toBe(stderr);
      expect(result).toMatchObject({ code: 2, left: [] });
    });
  }

  it("a port in use", async () => {
    const base = await freePortRange(2);
    const blocker = await occupy(base);
    try {
      const result = await runToEnd(["--port", String(base), "otc-rds", "otc-dds"]);
      expect(result.stderr).toBe(`backup-links-mock: port ${base} on 127.0.0.1 (for otc-rds) is not available: already in use\n${HINT}`);
      expect(result).toMatchObject({ code: 2, left: [] });
    } finally {
      await blocker.release();
    }
  });
});

describe("backup-links-mock, running", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`serves the named APIs on consecutive ports and stops them all on ${signal}`, async () => {
      const tmp = privateTmp(signal.toLowerCase());
      const base = await freePortRange(2);
      const run = runNode(BIN, ["jdcloud-rds", "otc-dcs", "--port", String(base)], { TMPDIR: tmp.dir });
      try {
        await run.waitFor("Press Ctrl-C to stop them.\n");
        expect(run.stdout()).toBe(
          [
            "Starting 2 Prism mocks...",
            "API id       URL",
            `jdcloud-rds  http://127.0.0.1:${base}`,
            `otc-dcs      http://127.0.0.1:${base + 1}`,
            "Prism mocks are running. Press Ctrl-C to stop them.",
            "",
          ].join("\n"),
        );
        const urls = parseTable(run.stdout());
        for (const api of ["jdcloud-rds", "otc-dcs"] as ApiId[]) {
          for (const request of exampleRequests(specPath(api))) {
            expect([api, request.operationId, (await send(urls[api] as string, request)).status]).toEqual([api, request.operationId, 200]);
          }
        }
        expect((await waitForNoLeftovers({ marker: tmp.dir }, 0)).length).toBe(2); // the two Prism processes

        run.child.kill(signal);
        expect(await run.exit).toEqual({ code: 0, signal: null });
        expect(run.stdout()).toContain(`\nReceived ${signal}: stopping the mocks...\nAll mocks stopped.\n`);
        expect(run.stderr()).toBe("");
        expect(await waitForNoLeftovers({ marker: tmp.dir })).toEqual([]);
        expect(tmp.entries()).toEqual([]);
      } finally {
        run.child.kill("SIGKILL");
        tmp.cleanup();
      }
    });
  }

  it("a Ctrl-C while the mocks are still starting stops them cleanly", async () => {
    const tmp = privateTmp("early");
    const run = runNode(BIN, ["otc-rds", "otc-dds", "otc-dcs", "--port", "0"], { TMPDIR: tmp.dir });
    try {
      await run.waitFor("Starting 3 Prism mocks...\n");
      run.child.kill("SIGINT");
      expect(await run.exit).toEqual({ code: 0, signal: null });
      expect(run.stdout()).not.toContain("Prism mocks are running");
      expect(run.stderr()).toBe("");
      expect(await waitForNoLeftovers({ marker: tmp.dir })).toEqual([]);
      expect(tmp.entries()).toEqual([]);
    } finally {
      run.child.kill("SIGKILL");
      tmp.cleanup();
    }
  });

  it("exits 1 and stops the others when a mock dies on its own", async () => {
    const tmp = privateTmp("died");
    const run = runNode(BIN, ["otc-rds", "huaweicloud-dds", "--port", "0"], { TMPDIR: tmp.dir });
    try {
      await run.waitFor("Press Ctrl-C to stop them.\n");
      const prisms = await waitForNoLeftovers({ marker: tmp.dir }, 0);
      const victim = prisms.find((row) => row.args.includes("otc-rds.json"));
      expect(prisms).toHaveLength(2);
      process.kill(victim!.pid, "SIGKILL");
      expect(await run.exit).toEqual({ code: 1, signal: null });
      expect(run.stderr()).toMatch(/^backup-links-mock: the otc-rds mock exited unexpectedly \(SIGKILL\); stopping the others\.\n/);
      expect(await waitForNoLeftovers({ marker: tmp.dir })).toEqual([]);
    } finally {
      run.child.kill("SIGKILL");
      tmp.cleanup();
    }
  });

  it("--verbose prints Prism's request log prefixed with the API id", async () => {
    const tmp = privateTmp("verbose");
    const run = runNode(BIN, ["otc-dds", "--port", "0", "--verbose"], { TMPDIR: tmp.dir });
    try {
      await run.waitFor("Press Ctrl-C to stop them.\n");
      const [request] = exampleRequests(specPath("otc-dds"));
      expect((await send(parseTable(run.stdout())["otc-dds"] as string, request!)).status).toBe(200);
      await run.waitFor(/\[otc-dds\] .*Request received/);
      expect(run.stdout()).toMatch(/^\[otc-dds\] .*Prism is listening on http:\/\/127\.0\.0\.1:\d+$/m);
      run.child.kill("SIGTERM");
      expect((await run.exit).code).toBe(0);
    } finally {
      run.child.kill("SIGKILL");
      tmp.cleanup();
    }
  });
});
