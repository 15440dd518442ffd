import { spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadFile } from "../src/download/download-file.js";
import { FileServer } from "./helpers/file-server.js";
import { TEST_ENV, TEST_SECRETS } from "./helpers/run.js";
import { TINYPROXY, TinyProxy } from "./helpers/tinyproxy.js";
import { sha256File, tempDir } from "./helpers/tmp.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

if (TINYPROXY === undefined) {
  // CI installs it (.ci/run); locally: apt-get install -y tinyproxy
  console.warn("proxy tests skipped: tinyproxy is not installed (apt-get install -y tinyproxy)");
}

describe.skipIf(TINYPROXY === undefined)("downloads and API calls through a real proxy (tinyproxy)", () => {
  let server: FileServer;
  let proxy: TinyProxy;
  let out: string;
  let scratch: string;

  beforeEach(async () => {
    server = await new FileServer().start();
    out = await tempDir();
    scratch = await tempDir("backup-links-proxy-");
    proxy = new TinyProxy(scratch);
  });
  afterEach(async () => {
    await proxy.stop();
    await server.stop();
    await fs.rm(out, { recursive: true, force: true });
    await fs.rm(scratch, { recursive: true, force: true });
  });

  const target = (): string => server.baseUrl.replace("http://", "");

  it("sends every request of a ranged download through HTTP_PROXY, and none when NO_PROXY names the host", async () => {
    await proxy.start();
    const file = server.addFile("via.qp", 700_000);
    const options = { outDir: out, connections: 2, multiConnectionThresholdBytes: 0, partBytes: 256 * 1024 };
    await downloadFile({ ...options, link: { name: "via.qp", url: server.link("via.qp") }, env: { http_proxy: proxy.url } });
    expect(await sha256File(path.join(out, "via.qp"))).toBe(file.sha256);
    const logged = await proxy.requests();
    // Every connection was a tunnel to the object store: the probe's (closed, its body refused) and the parts'.
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(new Set(logged)).toEqual(new Set([`CONNECT ${target()} HTTP/1.1`]));

    const before = (await proxy.requests()).length;
    server.addFile("direct.qp", 10_000);
    await downloadFile({ ...options, link: { name: "direct.qp", url: server.link("direct.qp") }, env: { HTTP_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" } });
    expect((await proxy.requests()).length).toBe(before);
  });

  it("uses --proxy credentials without ever showing them, and reports a refused proxy without them", async () => {
    await proxy.start({ basicAuth: { user: "backup", password: "proxy-pass-never-printed" } });
    const file = server.addFile("auth.qp", 50_000);
    const good = proxy.url.replace("http://", "http://backup:proxy-pass-never-printed@");
    const result = await downloadFile({ outDir: out, link: { name: "auth.qp", url: server.link("auth.qp") }, proxy: good, connections: 1 });
    expect(result.sha256).toBe(file.sha256);
    expect(await proxy.requests()).toContain(`CONNECT ${target()} HTTP/1.1`);

    server.addFile("denied.qp", 5_000);
    const bad = proxy.url.replace("http://", "http://backup:wrong-pass-never-printed@");
    const error = (await downloadFile({
      outDir: out,
      link: { name: "denied.qp", url: server.link("denied.qp") },
      proxy: bad,
      connections: 1,
      retry: { attempts: 1 },
    }).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: "NETWORK" });
    expect(error.message).toMatch(/^denied\.qp: giving up after 1 attempts: cannot reach http:\/\/127\.0\.0\.1:\d+\/objects\/denied\.qp: /);
    const shown = `${error.message} ${String((error.cause as Error | undefined)?.message)}`;
    expect(shown).not.toContain("wrong-pass-never-printed");
    expect(shown).not.toContain("SECRETSIG");
  });

  it("backup-links download: the API call and the download both go through HTTPS_PROXY/HTTP_PROXY", async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the package first`);
    await proxy.start();
    const file = server.addFile("cli.qp", 300_000);
    server.apiFiles = ["cli.qp"];
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, "download", "otc-rds", "--endpoint", server.baseUrl, "--backup-id", "b1", "--out", out, "--json"], {
          env: { ...TEST_ENV, PATH: process.env.PATH, ...env },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });

    // A proxy that is not there: the API call fails, so it really is sent to the proxy.
    const down = await run({ HTTP_PROXY: "http://127.0.0.1:9" });
    expect(down.code).toBe(3);
    expect(server.apiCalls).toBe(0);

    const ok = await run({ HTTPS_PROXY: "http://unused.invalid:1", HTTP_PROXY: proxy.url });
    expect(ok.code).toBe(0);
    expect(await sha256File(path.join(out, "cli.qp"))).toBe(file.sha256);
    const done = ok.stdout.trim().split("\n").map((line) => JSON.parse(line)).find((event) => event.type === "done");
    expect(done).toMatchObject({ sha256: file.sha256, md5Verified: true });
    expect(server.apiCalls).toBe(1);
    // One tunnel for the API call, at least one for the file (two dispatchers, no shared socket).
    expect((await proxy.requests()).filter((line) => line === `CONNECT ${target()} HTTP/1.1`).length).toBeGreaterThanOrEqual(2);
    for (const text of [down.stdout, down.stderr, ok.stdout, ok.stderr]) {
      expect(text).not.toContain("SECRETSIG");
      for (const secret of TEST_SECRETS) expect(text).not.toContain(secret);
    }
  });
});
