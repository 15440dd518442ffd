/**
 * The API call's fetch (links/node-fetch.ts) keeps core's "do not follow redirects" for authenticated requests,
 * with and without a proxy configured: a redirect to another host never receives the IAM token.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTransport, OTC_RDS, type FetchLike } from "@backup-links/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiFetch, nodeFetch } from "../src/links/node-fetch.js";

let api: Server;
let elsewhere: Server;
let apiUrl = "";
const seenElsewhere: Array<Record<string, unknown>> = [];
const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

beforeAll(async () => {
  elsewhere = createServer((request, response) => {
    seenElsewhere.push(request.headers);
    response.writeHead(200, { "content-type": "application/json" }).end('{"files":[]}');
  });
  const elsewhereUrl = await listen(elsewhere);
  api = createServer((request, response) => response.writeHead(302, { location: `${elsewhereUrl}${request.url}` }).end());
  apiUrl = await listen(api);
});
beforeEach(() => {
  seenElsewhere.length = 0;
});
afterAll(() => {
  api.close();
  elsewhere.close();
});

const fetches: Array<[string, () => FetchLike]> = [
  ["node:http (no proxy)", () => nodeFetch],
  // A proxy is configured (so undici's fetch is used) but bypassed for 127.0.0.1.
  ["undici (a proxy configured, NO_PROXY for this host)", () => apiFetch({ env: { HTTP_PROXY: "http://127.0.0.1:9", NO_PROXY: "127.0.0.1" } })],
];

describe.each(fetches)("the API call's fetch over %s", (_name, make) => {
  it("hands back a redirect instead of sending the IAM token to the host it names", async () => {
    const transport = createTransport({ api: OTC_RDS, baseUrl: apiUrl, credentials: { token: "iam-token-secret" }, retry: false, fetch: make() });
    const response = await transport.fetch(new Request(`${apiUrl}/v3/p1/backup-files?backup_id=b1`));
    expect(response.status).toBe(302);
    expect(seenElsewhere).toEqual([]);
  });
});
