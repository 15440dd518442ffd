import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  createJdCloudRdsClient,
  type BackupDownloadUrl,
  type BackupDownloadUrlInput,
  type JdCloudRdsCallOptions,
  type JdCloudRegion,
  type paths,
} from "../src/index.js";

const client = createJdCloudRdsClient({ region: "cn-north-1" });

describe("jdcloud-rds types", () => {
  it("takes a number or digit string for urlExpirationSecond and resolves to the URLs and availability", () => {
    expectTypeOf(client.getBackupDownloadLinks).parameter(0).toEqualTypeOf<BackupDownloadUrlInput>();
    expectTypeOf<BackupDownloadUrlInput["urlExpirationSecond"]>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf(client.getBackupDownloadLinks).parameter(1).toEqualTypeOf<JdCloudRdsCallOptions | undefined>();
    expectTypeOf(client.getBackupDownloadLinks).returns.resolves.toEqualTypeOf<BackupDownloadUrl>();
    expectTypeOf<BackupDownloadUrl>().toEqualTypeOf<{
      requestId: string | undefined;
      publicURL: string;
      internalURL: string;
      available: boolean;
    }>();
    // The raw body's fields are all optional (the SDK marks the URLs "(Optional)"); the friendly result is not.
    type RawBody = paths["/v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL"]["get"]["responses"][200]["content"]["application/json"];
    expectTypeOf<RawBody>().toEqualTypeOf<{ requestId?: string; result?: { publicURL?: string; internalURL?: string } }>();
    expectTypeOf<JdCloudRegion>().toEqualTypeOf<"cn-north-1" | "cn-east-1" | "cn-east-2" | "cn-south-1">();
    // @ts-expect-error not a JD region
    createJdCloudRdsClient({ region: "eu-de" });
  });

  it(".raw knows both paths; on the wire urlExpirationSecond is a string", () => {
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
    expectTypeOf<keyof paths>().toEqualTypeOf<
      | "/v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL"
      | "/v1/regions/{regionId}/backups/{backupId}/downloadURLs"
      | "/v1/regions/{regionId}/backups"
    >();
    type Query = NonNullable<paths["/v1/regions/{regionId}/backups/{backupId}:describeBackupDownloadURL"]["get"]["parameters"]["query"]>;
    expectTypeOf<Query["urlExpirationSecond"]>().toEqualTypeOf<string | undefined>();
  });

  it("listBackups and listAllBackups: JD's backup items with startedAt, finishedAt, sizeBytes", () => {
    type Page = Awaited<ReturnType<typeof client.listBackups>>;
    expectTypeOf(client.listAllBackups).returns.toEqualTypeOf<AsyncGenerator<Page, void>>();
    expectTypeOf<Page["totalCount"]>().toEqualTypeOf<number | undefined>();
    type Item = Page["backup"][number];
    expectTypeOf<Item["startedAt"]>().toEqualTypeOf<Date | undefined>();
    // No JD source guarantees backupId on a listed item (jdcloud-sdk-go marks every field optional).
    expectTypeOf<Item["backupId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Item["backupStartTime"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error pageNumber is a number
    void client.listBackups({ instanceId: "i", pageNumber: "1" });
  });
});
