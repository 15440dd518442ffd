// `backup-links download --latest`: the newest downloadable backup is picked once, reported on stderr, downloaded,
// and the links of that same backup are asked for again when they expire (the list is not read again).
import path from "node:path";
import { expect, it } from "vitest";
import type { FetchLike } from "@backup-links/core";
import { nodeFetch } from "../src/links/node-fetch.js";
import { fileServerPerTest, type FileServer } from "./helpers/file-server.js";
import { runCaptured } from "./helpers/run.js";
import { sha256File } from "./helpers/tmp.js";

let server: FileServer;
let out: string;
fileServerPerTest((started, dir) => {
  server = started;
  out = dir;
});

const item = (id: string, status: string, begin: string) => ({
  id,
  instance_id: "inst-1",
  name: id,
  type: "auto",
  status,
  begin_time: begin,
  end_time: begin,
  size: 293,
  datastore: { type: "MySQL", version: "8.0" },
});

it("download --latest picks once, says which, downloads, and refreshes the links of the same backup", async () => {
  const file = server.addFile("latest.qp", 300_000);
  file.faults.push({ kind: "drop", afterBytes: 100_000 });
  server.apiFiles = ["latest.qp"];
  const sent: string[] = [];
  // The list answers here; the link requests go to the file server's fake RDS API.
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input.url);
    sent.push(url.pathname.split("/").pop() + url.search);
    if (url.pathname.endsWith("/backups")) {
      const backups = [item("b-old", "COMPLETED", "2024-05-01T10:00:00+0800"), item("b-new", "COMPLETED", "2024-05-02T10:00:00+0800"), item("b-run", "BUILDING", "2024-05-03T10:00:00+0800")];
      return new Response(JSON.stringify({ backups, total_count: 3 }), { headers: { "Content-Type": "application/json" } });
    }
    return nodeFetch(input, init);
  };
  const expire = setInterval(() => {
    if (server.requestsFor("latest.qp").length === 1 && server.apiCalls === 1) server.expireAll("latest.qp");
  }, 1);
  const result = await runCaptured(["download", "otc-rds", "--endpoint", server.baseUrl, "--latest", "--instance-id", "inst-1", "--out", out], { fetch });
  clearInterval(expire);
  expect(result.code).toBe(0);
  expect(result.stderr.split("\n")[0]).toBe(
    "Latest full backup of instance inst-1: b-new (b-new), started 2024-05-02 02:00:00 UTC, finished 2024-05-02 02:00:00 UTC, 293 KiB",
  );
  expect(sent).toEqual(["backups?instance_id=inst-1&limit=100&offset=0", "backup-files?backup_id=b-new", "backup-files?backup_id=b-new"]);
  expect(await sha256File(path.join(out, "latest.qp"))).toBe(file.sha256);
});

it("download --latest --json: the pick on stderr, only JSON events on stdout", async () => {
  const file = server.addFile("j.qp", 20_000);
  server.apiFiles = ["j.qp"];
  const fetch: FetchLike = async (input, init) =>
    new URL(input.url).pathname.endsWith("/backups")
      ? new Response(JSON.stringify({ backups: [item("b-1", "COMPLETED", "2024-05-02T10:00:00+0800")], total_count: 1 }), { headers: { "Content-Type": "application/json" } })
      : nodeFetch(input, init);
  const result = await runCaptured(["download", "otc-rds", "--endpoint", server.baseUrl, "--latest", "--instance-id", "inst-1", "--out", out, "--json"], { fetch });
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("Latest full backup of instance inst-1: b-1 (b-1), started 2024-05-02 02:00:00 UTC, finished 2024-05-02 02:00:00 UTC, 293 KiB\n");
  const events = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { type: string });
  expect(events.at(-1)!.type).toBe("summary");
  expect(await sha256File(path.join(out, "j.qp"))).toBe(file.sha256);
});
