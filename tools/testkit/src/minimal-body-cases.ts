/**
 * The minimal success bodies of the Huawei-family operations (see minimal-bodies.ts): RDS/DDS `{files, bucket}` and
 * DCS `{file_path, bucket_name, links}`, with what the clients must make of them at SUITE_NOW.
 */
import { SUITE_NOW } from "./client-suite.ts";
import type { MinimalBodyCase } from "./minimal-bodies.ts";

const REQUEST_ID = "rid-minimal-1";
/** A file item with only the fields the shared BackupFile schema requires. */
export const MINIMAL_FILE = {
  name: "b1.qp",
  size: 3,
  download_link: "https://obs.example.com/bucket/b1.qp?Signature=s",
  link_expired_time: "2026-03-04T13:21:07+0800",
};
const MINIMAL_FILE_RESULT = { ...MINIMAL_FILE, expiresAt: new Date("2026-03-04T05:21:07.000Z"), sizeBytes: 3072 };

/** RDS/DDS: no field of the body is required; the four file fields are. `extra` adds a cloud's own file cases. */
export function fileListMinimalCases(extra: MinimalBodyCase[] = []): MinimalBodyCase[] {
  return [
    { name: "an empty body gives no files", body: {}, headers: { "X-Request-Id": REQUEST_ID }, result: { files: [], requestId: REQUEST_ID } },
    { name: "no bucket", body: { files: [MINIMAL_FILE] }, result: { files: [MINIMAL_FILE_RESULT], requestId: undefined } },
    { name: "no files, only the bucket", body: { bucket: "b" }, result: { bucket: "b", files: [], requestId: undefined } },
    {
      name: "a file with only the required fields",
      body: { files: [MINIMAL_FILE], bucket: "b" },
      result: { files: [MINIMAL_FILE_RESULT], bucket: "b", requestId: undefined },
    },
    ...extra,
  ];
}

/** DCS: no field of the body or of a link item is required. `expiration` is the one the call asks for. */
export function dcsMinimalCases(expiration: number): MinimalBodyCase[] {
  const computed = { expiresAt: new Date(SUITE_NOW.getTime() + expiration * 1000), expiration };
  return [
    {
      name: "an empty body gives no links",
      body: {},
      headers: { "X-Request-Id": REQUEST_ID },
      result: { links: [], ...computed, requestId: REQUEST_ID },
    },
    {
      name: "links without file_path and bucket_name",
      body: { links: [{ file_name: "a.rdb", link: "https://obs.example.com/a.rdb?Signature=s" }] },
      result: { links: [{ file_name: "a.rdb", link: "https://obs.example.com/a.rdb?Signature=s" }], ...computed, requestId: undefined },
    },
    {
      name: "a link item without file_name and one without link",
      body: { file_path: "p/", bucket_name: "b", links: [{ link: "https://obs.example.com/a.rdb?Signature=s" }, { file_name: "b.rdb" }] },
      result: {
        file_path: "p/",
        bucket_name: "b",
        links: [{ link: "https://obs.example.com/a.rdb?Signature=s" }, { file_name: "b.rdb" }],
        ...computed,
        requestId: undefined,
      },
    },
  ];
}
