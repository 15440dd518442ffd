import { describeMinimalBodies } from "@backup-links/testkit/minimal-bodies.ts";
import { createJdCloudRdsClient } from "../src/index.js";

const URL = "https://jddb-cn-north-1-backup.s3.cn-north-1.jdcloud-oss.com/mysql-abc/backup.xbstream?Expires=1&Signature=s";

// The smallest bodies the spec allows: neither `requestId` nor `result` nor either URL is required (jdcloud-sdk-go
// marks the URLs "(Optional)"); a missing URL reads as an empty one.
describeMinimalBodies(
  { api: "jdcloud-rds", create: createJdCloudRdsClient as never, options: { region: "cn-north-1" }, input: { backupId: "bak-2ssmvd3bm7" } },
  [
    {
      name: "an empty body: not downloadable, request id from the header",
      body: {},
      headers: { "x-jdcloud-request-id": "jd-rid-header" },
      result: { requestId: "jd-rid-header", publicURL: "", internalURL: "", available: false },
    },
    {
      name: "an empty result",
      body: { requestId: "jd-rid-1", result: {} },
      result: { requestId: "jd-rid-1", publicURL: "", internalURL: "", available: false },
    },
    {
      name: "only publicURL",
      body: { requestId: "jd-rid-2", result: { publicURL: URL } },
      result: { requestId: "jd-rid-2", publicURL: URL, internalURL: "", available: true },
    },
    {
      name: "only internalURL, no requestId anywhere",
      body: { result: { internalURL: URL } },
      result: { requestId: undefined, publicURL: "", internalURL: URL, available: true },
    },
  ],
);
