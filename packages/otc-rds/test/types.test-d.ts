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
    expectTypeOf<Parameters<typeof client.raw.GET>[0]>().toEqualTypeOf<"/v3/{project_id}/backup-files">();
    // @ts-expect-error the operation has no POST
    void client.raw.POST("/v3/{project_id}/backup-files", {});
  });
});
