import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import { createHuaweiCloudRdsClient, type BackupDownloadLinks, type BackupFile, type paths } from "../src/index.js";

const client = createHuaweiCloudRdsClient({ region: "ap-southeast-1", projectId: "p" });

describe("huaweicloud-rds types", () => {
  it("files carry Huawei's database_name besides the common fields and the parsed extras", () => {
    expectTypeOf(client.getBackupDownloadLinks).parameter(0).toEqualTypeOf<{ backupId: string }>();
    expectTypeOf(client.getBackupDownloadLinks).returns.resolves.toEqualTypeOf<BackupDownloadLinks>();
    // Optional and nullable: the SDK model declares a string, Huawei's document "null" or "no value".
    expectTypeOf<BackupFile["database_name"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<BackupDownloadLinks["bucket"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BackupDownloadLinks["files"]>().toEqualTypeOf<BackupFile[]>();
    expectTypeOf<BackupFile["size"]>().toEqualTypeOf<number>();
    expectTypeOf<BackupFile["expiresAt"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<BackupFile["sizeBytes"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<BackupDownloadLinks["requestId"]>().toEqualTypeOf<string | undefined>();
  });

  it(".raw can send the optional X-Language header the friendly method leaves out", () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
    expectTypeOf<paths["/v3/{project_id}/backup-files"]["get"]["parameters"]["header"]>().toEqualTypeOf<
      { "X-Language"?: "en-us" | "zh-cn" } | undefined
    >();
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
