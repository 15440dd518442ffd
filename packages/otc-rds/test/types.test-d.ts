import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import { createOtcRdsClient, type BackupDownloadLinks, type BackupFile, type RdsInput, type paths } from "../src/index.js";

const client = createOtcRdsClient({ region: "eu-de", projectId: "p" });

describe("otc-rds types", () => {
  it("the friendly method takes { backupId } and resolves to the documented fields plus extras", () => {
    expectTypeOf(client.getBackupDownloadLinks).parameter(0).toEqualTypeOf<RdsInput>();
    expectTypeOf<RdsInput>().toEqualTypeOf<{ backupId: string }>();
    expectTypeOf(client.getBackupDownloadLinks).returns.resolves.toEqualTypeOf<BackupDownloadLinks>();
    // `files` and `bucket` are optional in the spec (no source guarantees them); the client always gives a list.
    expectTypeOf<BackupDownloadLinks["bucket"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BackupDownloadLinks["files"]>().toEqualTypeOf<BackupFile[]>();
    expectTypeOf<BackupDownloadLinks["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BackupFile["name"] | BackupFile["download_link"] | BackupFile["link_expired_time"]>().toEqualTypeOf<string>();
    expectTypeOf<BackupFile["size"]>().toEqualTypeOf<number>();
    expectTypeOf<BackupFile["expiresAt"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<BackupFile["sizeBytes"]>().toEqualTypeOf<number | undefined>();
    // OTC's file item has no database_name (Huawei Cloud's has).
    expectTypeOf<BackupFile>().not.toHaveProperty("database_name");
  });

  it(".raw is the typed openapi-fetch client of the generated paths", () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
    expectTypeOf<keyof paths>().toEqualTypeOf<"/v3/{project_id}/backup-files" | "/v3/{project_id}/backups">();
    // @ts-expect-error the operation has no POST
    void client.raw.POST("/v3/{project_id}/backup-files", {});
  });

  it("listBackups and listAllBackups: one page typed from the generated schema, each item with startedAt, finishedAt, sizeBytes", () => {
    type Page = Awaited<ReturnType<typeof client.listBackups>>;
    expectTypeOf(client.listAllBackups).returns.toEqualTypeOf<AsyncGenerator<Page, void>>();
    expectTypeOf<Page["requestId"]>().toEqualTypeOf<string | undefined>();
    type Item = Page["backups"][number];
    expectTypeOf<Item["startedAt"] | Item["finishedAt"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<Item["sizeBytes"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Item["begin_time"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error instanceId is required
    void client.listBackups({});
  });
});
