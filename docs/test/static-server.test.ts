import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type StaticServer } from "../src/static-server.js";

describe("serveStatic", () => {
  let server: StaticServer;
  beforeAll(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "docs-serve-"));
    mkdirSync(path.join(root, "site"));
    writeFileSync(path.join(root, "site", "index.html"), "<!DOCTYPE html><p>hi</p>");
    writeFileSync(path.join(root, "site", "a.openapi.yaml"), "openapi: 3.1.0\n");
    writeFileSync(path.join(root, "secret.txt"), "outside the root");
    server = await serveStatic(path.join(root, "site"));
  });
  afterAll(() => server.close());

  it("listens on 127.0.0.1 and serves files with their content type", async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const index = await fetch(`${server.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toBe("<!DOCTYPE html><p>hi</p>");
    const yaml = await fetch(`${server.origin}/a.openapi.yaml`);
    expect(yaml.headers.get("content-type")).toBe("application/yaml; charset=utf-8");
    expect(await yaml.text()).toBe("openapi: 3.1.0\n");
  });

  it("answers 404 for missing files, never serves outside its root, and only reads", async () => {
    expect((await fetch(`${server.origin}/nope.html`)).status).toBe(404);
    expect((await fetch(`${server.origin}/..%2fsecret.txt`)).status).toBe(403);
    expect((await fetch(`${server.origin}/index.html`, { method: "POST" })).status).toBe(405);
    const head = await fetch(`${server.origin}/index.html`, { method: "HEAD" });
    expect([head.status, head.headers.get("content-length")]).toEqual([200, "24"]);
  });
});
