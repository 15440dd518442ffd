import { describe, expect, it } from "vitest";
import { describeApi } from "../src/describe-api.js";
import { miniSpec } from "./fixtures/mini-spec.js";

describe("describeApi", () => {
  it("reads vendor and service from the summary's trailing parentheses and the source from the Source: paragraph", () => {
    const facts = describeApi(miniSpec(), "specs/x/dist/openapi.json");
    expect(facts.vendor).toBe("Example Cloud");
    expect(facts.service).toBe("RDS API v3");
    expect(facts.source).toEqual({ text: "the Example RDS API reference, `backup-files.rst`; the Go SDK." });
    expect(facts.title).toBe("Example Cloud RDS — backup download links");
    expect(facts.version).toBe("3.0.0");
    expect(facts.operations.map((op) => op.operationId)).toEqual(["showBackupDownloadLink"]);
  });

  it("prefers the x-vendor, x-service and x-source-document extensions, and externalDocs' URL", () => {
    const doc = miniSpec();
    doc.info["x-vendor"] = "Vendor X";
    doc.info["x-service"] = "Service Y";
    doc.info["x-source-document"] = "The Y reference";
    doc.externalDocs = { url: "https://example.com/y", description: "ignored while x-source-document is set" };
    const facts = describeApi(doc, "f.json");
    expect([facts.vendor, facts.service]).toEqual(["Vendor X", "Service Y"]);
    expect(facts.source).toEqual({ text: "The Y reference", url: "https://example.com/y" });
  });

  it("fails naming the file and the fields when vendor, service or source cannot be found", () => {
    const noVendor = miniSpec();
    noVendor.info.summary = "Get links.";
    expect(() => describeApi(noVendor, "specs/a/dist/openapi.json")).toThrow(
      'specs/a/dist/openapi.json: info.x-vendor and info.x-service are missing, and info.summary does not end in "(Vendor, Service)"',
    );
    const noSource = miniSpec();
    noSource.info.description = "No sources here.";
    expect(() => describeApi(noSource, "b.json")).toThrow(
      'b.json: no source document: set info.x-source-document, a "Source:" paragraph in info.description, or externalDocs',
    );
  });
});
