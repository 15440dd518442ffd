import { fork } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismStartError, startPrism, type PrismServer } from "../dist/index.js";
import { FIXTURES, leftovers, occupy, freePort, privateTmp, runNode, waitForNoLeftovers } from "./helpers.js";

const TINY = join(FIXTURES, "tiny.json");
const AUTH = { "X-Auth-Token": "test-token" };

/** A copy of a fixture under a unique name, so the test can look for processes serving it. */
function uniqueCopy(fixture: string): { path: string; marker: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "bl-prism-fixture-"));
  const marker = `fixture-${Math.random().toString(36).slice(2)}`;
  const path = join(dir, `${marker}.json`);
  copyFileSync(join(FIXTURES, fixture), path);
  return { path, marker, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe("startPrism on a running mock", () => {
  let prism: PrismServer;
  const lines: string[] = [];
  beforeAll(async () => {
    prism = await startPrism({ spec: TINY, onOutput: (line) => lines.push(line) });
  });
  afterAll(() => prism?.stop());

  it("listens on a free port on 127.0.0.1 and reports its URL", () => {
    expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(prism.url).toBe(`http://127.0.0.1:${prism.port}`);
    expect(prism.port).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes(`Prism is listening on http://127.0.0.1:${prism.port}`))).toBe(true);
  });

  it("serves the spec's example, ignoring the path of servers[].url", async () => {
    const response = await fetch(`${prism.url}/v1/things/a?limit=2`, { headers: AUTH });
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(await response.json()).toEqual({ name: "thing-1" });
  });

  it("answers Prefer: code=404 with the 404 example", async () => {
    const response = await fetch(`${prism.url}/v1/things/a?limit=2`, { headers: { ...AUTH, Prefer: "code=404" } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error_code: "E404" });
  });

  it("rejects a request that violates the spec with its 400 and names the violation", async () => {
    const response = await fetch(`${prism.url}/v1/things/a?limit=30`, { headers: AUTH });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.headers.get("sl-violations") ?? "[]")).toEqual([
      { location: ["request", "query", "limit"], severity: "Error", code: "maximum", message: "Request query parameter limit must be <= 10" },
    ]);
  });

  it("rejects a request without credentials with 401", async () => {
    const response = await fetch(`${prism.url}/v1/things/a?limit=2`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error_code: "E401" });
  });

  it("keeps the last lines of Prism's output, including its request log", () => {
    expect(prism.output()).toContain("Prism is listening on");
    expect(prism.output()).toContain("Request received");
  });
});

describe("--errors", () => {
  it("turns an example that drifted from its schema into a 500 naming the violation", async () => {
    const prism = await startPrism({ spec: join(FIXTURES, "drift.json") });
    try {
      const response = await fetch(`${prism.url}/v1/things/a?limit=2`, { headers: AUTH });
      expect(response.status).toBe(500);
      expect(JSON.parse(response.headers.get("sl-violations") ?? "[]")).toEqual([
        { location: ["response", "body", "name"], severity: "Error", code: "type", message: "Response body property name must be string" },
      ]);
    } finally {
      await prism.stop();
    }
  });

  it("is what makes the drift fail: with errors: false the bad example is served", async () => {
    const prism = await startPrism({ spec: join(FIXTURES, "drift.json"), errors: false });
    try {
      const response = await fetch(`${prism.url}/v1/things/a?limit=2`, { headers: AUTH });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ name: 5 });
    } finally {
      await prism.stop();
    }
  });
});

describe("stop()", () => {
  it("ends Prism's whole process group, removes its spec copy and can be called twice", async () => {
    const prism = await startPrism({ spec: TINY });
    const before = leftovers({ pgid: prism.pid });
    expect(before.map((row) => row.pid)).toContain(prism.pid);
    expect(before.every((row) => row.pgid === prism.pid)).toBe(true);
    const copy = before.find((row) => row.pid === prism.pid)?.args.match(/ mock (\S+)/)?.[1] as string;
    expect(existsSync(copy)).toBe(true);

    await Promise.all([prism.stop(), prism.stop()]);
    expect(leftovers({ pgid: prism.pid })).toEqual([]);
    expect(existsSync(copy)).toBe(false);
    await expect(prism.exited).resolves.toBeDefined();
    await prism.stop();
    await expect(fetch(`${prism.url}/v1/things/a?limit=2`, { headers: AUTH })).rejects.toThrow();
  });
});

describe("when Prism cannot start", () => {
  it("fails fast with Prism's own message for a document without operations, leaving nothing behind", async () => {
    const spec = uniqueCopy("no-operations.json");
    try {
      const error = await startPrism({ spec: spec.path }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PrismStartError);
      expect((error as Error).message).toMatch(
        new RegExp(`^Prism could not start for ${spec.marker}\\.json: No operations found in the current file\\.\\n`),
      );
      expect((error as PrismStartError).output).toContain("fatal     No operations found in the current file.");
      expect((error as PrismStartError).output).not.toContain("Positionals:"); // yargs' usage text is dropped
      expect(leftovers({ marker: spec.marker })).toEqual([]);
    } finally {
      spec.cleanup();
    }
  });

  it("names the port when it is in use", async () => {
    const port = await freePort();
    const blocker = await occupy(port);
    const spec = uniqueCopy("tiny.json");
    try {
      await expect(startPrism({ spec: spec.path, port })).rejects.toThrow(
        `Prism could not start for ${spec.marker}.json: listen EADDRINUSE: address already in use 127.0.0.1:${port}`,
      );
      expect(leftovers({ marker: spec.marker })).toEqual([]);
    } finally {
      await blocker.release();
      spec.cleanup();
    }
  });

  it("reports a missing document before spawning anything", async () => {
    await expect(startPrism({ spec: join(FIXTURES, "missing.json") })).rejects.toThrow(
      `Prism cannot start for missing.json: ENOENT: no such file or directory, open '${join(FIXTURES, "missing.json")}'`,
    );
  });

  it("gives up after readyTimeoutMs and stops the half-started Prism", async () => {
    const spec = uniqueCopy("tiny.json");
    try {
      await expect(startPrism({ spec: spec.path, readyTimeoutMs: 50, name: "slow" })).rejects.toThrow(
        /^Prism could not start for slow: not listening after 50 ms/,
      );
      expect(leftovers({ marker: spec.marker })).toEqual([]);
    } finally {
      spec.cleanup();
    }
  });

  it("rejects a port out of range without spawning", async () => {
    await expect(startPrism({ spec: TINY, port: 65536 })).rejects.toThrow("port must be an integer from 0 to 65535, got 65536");
    await expect(startPrism({ spec: TINY, port: 1.5 })).rejects.toThrow("port must be an integer from 0 to 65535, got 1.5");
  });
});

describe("a process that started mocks and is interrupted leaves no Prism behind", () => {
  const HOLD = join(FIXTURES, "hold-prism.mjs");

  for (const signal of ["SIGINT", "SIGTERM", "SIGKILL"] as const) {
    it(`${signal}`, async () => {
      const tmp = privateTmp(signal.toLowerCase());
      const holder = runNode(HOLD, [TINY, TINY], { TMPDIR: tmp.dir });
      try {
        await holder.waitFor(/"pids"/);
        const { pids, urls } = JSON.parse(holder.stdout()) as { pids: number[]; urls: string[] };
        expect(pids).toHaveLength(2);
        for (const url of urls) expect((await fetch(`${url}/v1/things/a?limit=1`, { headers: AUTH })).status).toBe(200);
        expect(leftovers({ marker: tmp.dir }).map((row) => row.pid).sort()).toEqual([...pids].sort());

        holder.child.kill(signal);
        const exit = await holder.exit;
        expect(exit.signal).toBe(signal); // the holder still dies of the signal, as it would without mocks
        for (const pid of pids) expect(await waitForNoLeftovers({ pgid: pid })).toEqual([]);
        expect(await waitForNoLeftovers({ marker: tmp.dir })).toEqual([]);
        expect(tmp.entries()).toEqual([]); // each Prism removed its private spec copy on the way out
      } finally {
        holder.child.kill("SIGKILL");
        tmp.cleanup();
      }
    });
  }

  it("a forked worker whose parent disconnects (a test runner that was interrupted) stops its mocks", async () => {
    const tmp = privateTmp("disconnect");
    const holder = fork(HOLD, [TINY], { env: { ...process.env, TMPDIR: tmp.dir }, silent: true });
    let out = "";
    holder.stdout?.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    try {
      const { pids } = await new Promise<{ pids: number[] }>((resolve, reject) => {
        holder.stdout?.on("data", () => out.includes("\n") && resolve(JSON.parse(out) as { pids: number[] }));
        holder.once("exit", () => reject(new Error(`holder exited: ${out}`)));
      });
      expect(leftovers({ pgid: pids[0] as number }).map((row) => row.pid)).toEqual(pids);
      holder.disconnect();
      expect(await waitForNoLeftovers({ pgid: pids[0] as number })).toEqual([]);
      expect(holder.exitCode).toBeNull(); // the worker itself is still running; only its mocks were stopped
    } finally {
      holder.kill("SIGKILL");
      tmp.cleanup();
    }
  });
});
