// The mock cloud speaks the specs: every answer of its list and link operations (and its 400s) validates against
// the response schema of the bundled OpenAPI document of its API, the one the clients are generated from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_IDS, createRequestSigner, type ApiId } from "@backup-links/core";
import { DEFAULT_MOCK_ACCOUNT, specPath, startMockCloud, type MockCloud } from "@backup-links/mock";
import { compileResponseValidator, formatErrors, loadSpec, type HttpMethod } from "@backup-links/testkit/schema";

let cloud: MockCloud;
beforeAll(async () => {
  cloud = await startMockCloud({ seed: "contract", fileSize: 1000 });
});
afterAll(() => cloud?.stop());

const provider = (api: ApiId) => (api.startsWith("otc") ? "otc" : api.startsWith("huawei") ? "huaweicloud" : "jdcloud") as "otc" | "huaweicloud" | "jdcloud";

async function send(api: ApiId, path: string, method = "GET", body?: unknown): Promise<{ status: number; body: unknown }> {
  const sign = createRequestSigner({ provider: provider(api), credentials: DEFAULT_MOCK_ACCOUNT, ...(api === "jdcloud-rds" ? { region: "cn-north-1" } : {}) });
  const init = body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { "Content-Type": "application/json;charset=UTF-8" } };
  const response = await fetch(await sign(new Request(`${cloud.urls[api]}${path}`, init)));
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

/** [spec path, method, request path, request body, expected status] of each API's list and link calls. */
function calls(api: ApiId): Array<[string, HttpMethod, string, unknown, number]> {
  const p = cloud.projectId;
  const main = cloud.instance(api);
  const done = main.backups.find((backup) => backup.status === "completed")!;
  if (api.endsWith("-rds") && api !== "jdcloud-rds") {
    return [
      ["/v3/{project_id}/backups", "get", `/v3/${p}/backups?instance_id=${main.id}`, undefined, 200],
      ["/v3/{project_id}/backups", "get", `/v3/${p}/backups?instance_id=${main.id}&limit=101`, undefined, 400],
      ["/v3/{project_id}/backup-files", "get", `/v3/${p}/backup-files?backup_id=${done.id}`, undefined, 200],
      ["/v3/{project_id}/backup-files", "get", `/v3/${p}/backup-files?backup_id=nope`, undefined, 404],
    ];
  }
  if (api.endsWith("-dds")) {
    return [
      ["/v3/{project_id}/backups", "get", `/v3/${p}/backups?instance_id=${main.id}&offset=1&limit=2`, undefined, 200],
      ["/v3/{project_id}/backups/download-file", "get", `/v3/${p}/backups/download-file?instance_id=${main.id}&backup_id=${done.id}`, undefined, 200],
    ];
  }
  if (api.endsWith("-dcs")) {
    return [
      ["/v2/{project_id}/instances/{instance_id}/backups", "get", `/v2/${p}/instances/${main.id}/backups?limit=2`, undefined, 200],
      ["/v2/{project_id}/instances/{instance_id}/backups", "get", `/v2/${p}/instances/${main.id}/backups?limit=0`, undefined, 400],
      [
        "/v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links",
        "post",
        `/v2/${p}/instances/${main.id}/backups/${done.id}/links`,
        { expiration: 600 },
        200,
      ],
    ];
  }
  return [
    ["/v1/regions/{regionId}/backups", "get", `/v1/regions/cn-north-1/backups?instanceId=${main.id}&pageNumber=1&pageSize=2`, undefined, 200],
    ["/v1/regions/{regionId}/backups", "get", `/v1/regions/cn-north-1/backups?instanceId=${main.id}&pageNumber=0&pageSize=2`, undefined, 400],
    [
      "/v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL",
      "get",
      `/v1/regions/cn-north-1/backups/${done.id}:describeBackupDownloadURL`,
      undefined,
      200,
    ],
  ];
}

describe.each(API_IDS.map((api) => [api]))("%s: the mock cloud's answers match the spec", (api) => {
  it("list and link operations, success and error bodies", async () => {
    const spec = loadSpec(specPath(api));
    for (const [specPathKey, method, requestPath, body, status] of calls(api)) {
      const answer = await send(api, requestPath, method.toUpperCase(), body);
      expect({ requestPath, status: answer.status }).toEqual({ requestPath, status });
      const validate = compileResponseValidator(spec, specPathKey, method, status);
      const valid = validate(answer.body);
      expect(valid ? "" : `${method.toUpperCase()} ${requestPath} -> ${status}: ${formatErrors(validate.errors)}`).toBe("");
    }
  });
});

it("DCS answers 204 with no body for an instance without backups, as its spec documents", async () => {
  const spec = loadSpec(specPath("otc-dcs"));
  expect(Object.keys((spec.paths["/v2/{project_id}/instances/{instance_id}/backups"]!.get as { responses: object }).responses)).toContain("204");
  expect(await send("otc-dcs", `/v2/${cloud.projectId}/instances/${cloud.instance("otc-dcs", "empty").id}/backups`)).toEqual({ status: 204, body: undefined });
});
