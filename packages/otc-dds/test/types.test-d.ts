import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import { createOtcDdsClient, type BackupDownloadLinks, type BackupFile, type DdsInput, type paths } from "../src/index.js";

const client = createOtcDdsClient({ region: "eu-de", projectId: "p" });

describe("otc-dds types", () => {
  it("takes { instanceId, backupId } and resolves to files with the parsed extras", () => {
    expectTypeOf(client.getBackupDownloadLinks).parameter(0).toEqualTypeOf<DdsInput>();
    expectTypeOf<DdsInput>().toEqualTypeOf<{ instanceId: string; backupId: string }>();
    expectTypeOf(client.getBackupDownloadLinks).returns.resolves.toEqualTypeOf<BackupDownloadLinks>();
    expectTypeOf<BackupFile["expiresAt"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<BackupFile["sizeBytes"]>().toEqualTypeOf<number | undefined>();
    // `files` and `bucket` are optional in the spec (the sources disagree); the client always gives a list.
    expectTypeOf<BackupDownloadLinks["bucket"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BackupDownloadLinks["files"]>().toEqualTypeOf<BackupFile[]>();
    expectTypeOf<BackupFile["name"] | BackupFile["download_link"] | BackupFile["link_expired_time"]>().toEqualTypeOf<string>();
    expectTypeOf<BackupFile>().not.toHaveProperty("group_id");
  });

  it(".raw is typed by the generated paths", () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
    expectTypeOf<keyof paths>().toEqualTypeOf<"/v3/{project_id}/backups/download-file" | "/v3/{project_id}/backups">();
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
