import { describe, expect, it } from "vitest";
import { BAD_LIST_QUERIES, LIST_OPERATIONS, listRequestUrl, mockAuthHeaders, requiredListQuery } from "../src/list-operations.ts";

describe("listRequestUrl", () => {
  it("fills the path template and the required query of each API", () => {
    expect(listRequestUrl("otc-rds", "http://127.0.0.1:1")).toBe(
      "http://127.0.0.1:1/v3/0483b6b16e954cb88930a360d2c4e663/backups?instance_id=a48e43ff268f4c0e879652d65e63d0fbin01",
    );
    expect(listRequestUrl("otc-dcs", "http://h")).toBe("http://h/v2/0483b6b16e954cb88930a360d2c4e663/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups");
    expect(listRequestUrl("jdcloud-rds", "http://h")).toBe("http://h/v1/regions/cn-north-1/backups?instanceId=mysql-wp4e9ztap2&pageNumber=1&pageSize=100");
  });
  it("encodes `+`, space and `:` as RFC 3986 (%2B, %20, %3A), never `+` for a space", () => {
    expect(listRequestUrl("huaweicloud-rds", "http://h", { begin_time: "2018-08-06T10:41:14+0800" })).toBe(
      "http://h/v3/0483b6b16e954cb88930a360d2c4e663/backups?instance_id=a48e43ff268f4c0e879652d65e63d0fbin01&begin_time=2018-08-06T10%3A41%3A14%2B0800",
    );
    expect(listRequestUrl("otc-dds", "http://h", { begin_time: "2018-08-06 10:41:14" })).toContain("begin_time=2018-08-06%2010%3A41%3A14");
  });
  it("overrides and removes required parameters", () => {
    expect(listRequestUrl("jdcloud-rds", "http://h", { pageSize: "10", pageNumber: null })).toBe("http://h/v1/regions/cn-north-1/backups?instanceId=mysql-wp4e9ztap2&pageSize=10");
    expect(listRequestUrl("otc-rds", "http://h", { instance_id: null })).toBe("http://h/v3/0483b6b16e954cb88930a360d2c4e663/backups");
  });
});

describe("the tables", () => {
  it("cover the seven APIs with the SDKs' operation names", () => {
    expect(Object.fromEntries(Object.entries(LIST_OPERATIONS).map(([id, op]) => [id, op.operationId]))).toEqual({
      "otc-rds": "listBackups",
      "huaweicloud-rds": "listBackups",
      "otc-dds": "listBackups",
      "huaweicloud-dds": "listBackups",
      "huaweicloud-dcs": "listBackupRecords",
      "otc-dcs": "listBackupRecords",
      "jdcloud-rds": "describeBackups",
    });
    expect(Object.keys(BAD_LIST_QUERIES).sort()).toEqual(Object.keys(LIST_OPERATIONS).sort());
    for (const cases of Object.values(BAD_LIST_QUERIES)) expect(cases.length).toBeGreaterThan(2);
  });
  it("DCS has no required query; the RDS/DDS instance and the JD page are always sent", () => {
    expect(requiredListQuery("huaweicloud-dcs")).toEqual({});
    expect(requiredListQuery("huaweicloud-dds")).toEqual({ instance_id: "c0c9f155c7b7423a9d30f0175998b63bin01" });
    expect(mockAuthHeaders("jdcloud-rds")).toEqual({ Authorization: "placeholder-credentials" });
    expect(mockAuthHeaders("otc-dcs")).toEqual({ "X-Auth-Token": "placeholder-credentials" });
  });
});
