import { describe, expect, it } from "vitest";
import { documentForRendering } from "../src/render-spec.js";
import { miniSpec } from "./fixtures/mini-spec.js";

describe("documentForRendering", () => {
  it("drops a lone tag so Redoc lists the operation right away, leaving the input untouched", () => {
    const doc = miniSpec();
    const rendered = documentForRendering(doc);
    expect(rendered.tags).toBeUndefined();
    expect(rendered.paths!["/v3/{project_id}/backup-files"]!.get!).not.toHaveProperty("tags");
    expect(doc.tags).toEqual([{ name: "Backups" }]);
    expect(doc.paths!["/v3/{project_id}/backup-files"]!.get!).toHaveProperty("tags", ["Backups"]);
  });

  it("keeps the tags when they group operations", () => {
    const doc = miniSpec();
    doc.paths!["/other"] = { post: { operationId: "other", tags: ["Other"], responses: {} } };
    expect(documentForRendering(doc)).toBe(doc);
  });
});
