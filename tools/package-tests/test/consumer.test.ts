// Installs the packed tarballs with npm into a fresh project outside the workspace, typechecks a consumer program
// (strict, NodeNext) against them, and runs it against a local server that checks every request's signature.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { mkdtempSync, rmSync, writeFileSync, copyFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { verifyJdCloud2, verifySdkHmacSha256 } from "@backup-links/testkit/verify-signature.ts";
import { PUBLISHED_PACKAGES, run } from "../src/published.ts";

const TSC = join(import.meta.dirname, "../node_modules/.bin/tsc");
const credentials = { accessKey: "AKCONSUMER000000", secretKey: "consumer-secret-key" };
const rdsFile = { name: "f.qp", size: 2, download_link: "https://obs.example/f?Signature=s", link_expired_time: "2030-01-02T03:04:05+0100" };
const ddsFile = { name: "d.tar.gz", size: 3, download_link: "https://obs.example/d?Signature=s", link_expired_time: "not a time" };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Answers the seven operations; refuses any request whose signature an independent implementation rejects. */
function answer(method: string, path: string, body: string, signatureValid: boolean): { status: number; body: unknown } {
  if (!signatureValid) return { status: 401, body: { error_code: "APIGW.0301", error_msg: "signature mismatch" } };
  if (method === "GET" && path === "/v3/proj1/backup-files?backup_id=b1") return { status: 200, body: { files: [rdsFile], bucket: "b" } };
  if (method === "GET" && path === "/v3/proj1/backup-files?backup_id=missing") return { status: 404, body: { error_code: "DBS.200022", error_msg: "The backup does not exist." } };
  if (method === "GET" && path === "/v3/proj1/backups/download-file?instance_id=i1&backup_id=b1") return { status: 200, body: { files: [ddsFile], bucket: "b" } };
  if (method === "POST" && path === "/v2/proj1/instances/i1/backups/b1/links" && /^\{"expiration":\d+\}$/.test(body)) {
    return { status: 200, body: { file_path: "p", bucket_name: "b", links: [{ file_name: "x.rdb", link: "https://obs.example/x?Signature=s" }] } };
  }
  if (method === "GET" && path === "/v1/regions/cn-north-1/backups/b1:describeBackupDownloadURL?urlExpirationSecond=600") {
    return { status: 200, body: { requestId: "jd-rid", result: { publicURL: "https://oss.example/b?Signature=s", internalURL: "" } } };
  }
  if (method === "GET" && path === "/v1/regions/cn-north-1/backups/b1/downloadURLs") {
    return { status: 200, body: { requestId: "jd-rid-2", result: { publicURL: "", internalURL: "" } } };
  }
  return { status: 400, body: { error_code: "TEST.400", error_msg: `unexpected ${method} ${path}` } };
}

let server: Server;
let baseUrl: string;
let project: string;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    const record = {
      method: req.method!,
      url: `http://${req.headers.host}${req.url}`,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body,
    };
    const valid = req.url!.startsWith("/v1/")
      ? verifyJdCloud2(record, credentials, { region: "cn-north-1", service: "rds" }).valid
      : verifySdkHmacSha256(record, credentials).valid;
    const reply = answer(req.method!, req.url!, body, valid);
    res.writeHead(reply.status, { "Content-Type": "application/json", "X-Request-Id": "rid-42" });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  project = mkdtempSync(join(tmpdir(), "backup-links-consumer-"));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (project) rmSync(project, { recursive: true, force: true });
});

it("installs the tarballs with npm, typechecks a strict NodeNext consumer and runs it", async () => {
  const tarballs = inject("tarballs");
  const typesNode = (JSON.parse(readFileSync(join(import.meta.dirname, "../node_modules/@types/node/package.json"), "utf8")) as { version: string }).version;
  const dependencies = Object.fromEntries(PUBLISHED_PACKAGES.map((p) => [p.name, `file:${tarballs[p.name]}`]));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { ...dependencies, "@types/node": typesNode } }));
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2023", "DOM"], types: ["node"], outDir: "out", skipLibCheck: false }, files: ["consumer.ts"] }),
  );
  copyFileSync(join(import.meta.dirname, "fixtures/consumer/consumer.ts"), join(project, "consumer.ts"));

  await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--loglevel=error"], { cwd: project });
  // What npm put in place came from the tarballs (pnpm pack rewrote workspace:^ to real ranges).
  const installed = JSON.parse(readFileSync(join(project, "node_modules/@backup-links/jdcloud-rds/package.json"), "utf8")) as { dependencies: Record<string, string> };
  expect(installed.dependencies["@backup-links/core"]).toBe("^0.1.0");

  await run(TSC, ["-p", join(project, "tsconfig.json")]);
  const { stdout } = await run(process.execPath, [join(project, "out/consumer.js")], { env: { ...process.env, BASE_URL: baseUrl } });
  expect(JSON.parse(stdout)).toEqual({
    otcRds: [{ name: "f.qp", sizeBytes: 2048, expiresAt: "2030-01-02T02:04:05.000Z" }],
    huaweiRds: [{ name: "f.qp", sizeBytes: 2048, expiresAt: "2030-01-02T02:04:05.000Z" }],
    otcDds: [{ name: "d.tar.gz", sizeBytes: 3072, expiresAt: null }],
    huaweiDds: [{ name: "d.tar.gz", sizeBytes: 3072, expiresAt: null }],
    huaweiDcs: { links: ["x.rdb"], expiration: 600, expiresAtFromRequest: true },
    otcDcs: { links: ["x.rdb"], expiration: 1800, expiresAtFromRequest: true },
    jd: { available: true, publicURL: "https://oss.example/b?Signature=s", requestId: "jd-rid" },
    jdLegacy: { available: false, publicURL: "", requestId: "jd-rid-2" },
    notFound: { status: 404, code: "DBS.200022", requestId: "rid-42" },
    invalid: "backupId",
  });
});
