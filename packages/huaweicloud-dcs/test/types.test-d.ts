import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import { createHuaweiCloudDcsClient, type BackupFileLink, type BackupFileLinks, type DcsInput, type paths } from "../src/index.js";

const client = createHuaweiCloudDcsClient({ region: "ap-southeast-1", projectId: "p" });

describe("huaweicloud-dcs types", () => {
  it("takes { instanceId, backupId, expiration? } and resolves to the links plus a computed expiry", () => {
    expectTypeOf(client.getBackupDownloadLinks).parameter(0).toEqualTypeOf<DcsInput>();
    expectTypeOf<DcsInput["expiration"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf(client.getBackupDownloadLinks).returns.resolves.toEqualTypeOf<BackupFileLinks>();
    expectTypeOf<BackupFileLinks["expiresAt"]>().toEqualTypeOf<Date>();
    expectTypeOf<BackupFileLinks["expiration"]>().toEqualTypeOf<number>();
    // Every field is optional in the spec (the SDK models them so); the client always gives a list of links.
    expectTypeOf<BackupFileLinks["bucket_name"] | BackupFileLinks["file_path"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BackupFileLinks["links"]>().toEqualTypeOf<BackupFileLink[]>();
    expectTypeOf<BackupFileLink>().toEqualTypeOf<{ file_name?: string; link?: string }>();
  });

  it(".raw is typed by the generated paths, body included", () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
    expectTypeOf<Parameters<typeof client.raw.POST>[0]>().toEqualTypeOf<"/v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links">();
    void client.raw.POST("/v2/{project_id}/instances/{instance_id}/backups/{backup_id}/links", {
      params: { path: { project_id: "p", instance_id: "i", backup_id: "b" } },
      // @ts-expect-error expiration is an integer, not a string (the older v1.0 API took a string)
      body: { expiration: "1800" },
    });
  });

  it("listBackups and listAllBackups: one page typed from the generated schema, each item with startedAt, finishedAt, sizeBytes", () => {
    type Page = Awaited<ReturnType<typeof client.listBackups>>;
    expectTypeOf(client.listAllBackups).returns.toEqualTypeOf<AsyncGenerator<Page, void>>();
    expectTypeOf<Page["requestId"]>().toEqualTypeOf<string | undefined>();
    type Item = Page["backup_record_response"][number];
    expectTypeOf<Item["startedAt"] | Item["finishedAt"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<Item["sizeBytes"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Item["created_at"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error instanceId is required
    void client.listBackups({});
  });
});
