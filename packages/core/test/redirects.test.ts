/**
 * A redirect answer is handed back, never followed: Fetch drops only `Authorization` on a cross-origin redirect, so
 * following one would send an IAM token (`X-Auth-Token`), a security token or a project id to another host; and a
 * signature covers one path, so a followed redirect could never be valid anyway.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRequestSigner, createTransport, OTC_RDS } from "../src/index.js";

let api: Server;
let elsewhere: Server;
let apiUrl = "";
const seenElsewhere: Array<Record<string, string | string[] | undefined>> = [];

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

beforeAll(async () => {
  elsewhere = createServer((request, response) => {
    seenElsewhere.push(request.headers);
    response.writeHead(200, { "content-type": "application/json" }).end('{"files":[],"bucket":"b"}');
  });
  const elsewhereUrl = await listen(elsewhere);
  api = createServer((request, response) => {
    response.writeHead(302, { location: `${elsewhereUrl}${request.url}` }).end();
  });
  apiUrl = await listen(api);
});
beforeEach(() => {
  seenElsewhere.length = 0;
});
afterAll(() => {
  api.close();
  elsewhere.close();
});

describe("redirects (the runtime's own fetch)", () => {
  it("never sends an IAM token to the host a redirect names", async () => {
    const transport = createTransport({ api: OTC_RDS, baseUrl: apiUrl, credentials: { token: "iam-token-secret" }, retry: false });
    const response = await transport.fetch(new Request(`${apiUrl}/v3/p1/backup-files?backup_id=b1`));
    expect(seenElsewhere).toEqual([]);
    expect(response.status).toBe(302);
  });

  it("never sends a security token or signature to the host a redirect names", async () => {
    const transport = createTransport({
      api: OTC_RDS,
      baseUrl: apiUrl,
      projectId: "p1",
      credentials: { accessKey: "AKEXAMPLE", secretKey: "sk-secret", securityToken: "security-token-secret" },
      retry: false,
    });
    const response = await transport.fetch(new Request(`${apiUrl}/v3/p1/backup-files?backup_id=b1`));
    expect(seenElsewhere).toEqual([]);
    expect(response.status).toBe(302);
  });

  it("hands a request signer's Request to fetch without following redirects", async () => {
    const sign = createRequestSigner({ provider: "otc", credentials: { token: "iam-token-secret" } });
    const response = await fetch(await sign(new Request(`${apiUrl}/v3/p1/backup-files?backup_id=b1`)));
    expect(seenElsewhere).toEqual([]);
    expect(response.status).toBe(302);
  });
});
