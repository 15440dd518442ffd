import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locateChromium } from "./helpers/chromium.js";

describe("locateChromium", () => {
  it("uses CHROMIUM_PATH when it exists", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "docs-chromium-")), "chromium");
    writeFileSync(file, "");
    expect(locateChromium({ CHROMIUM_PATH: file })).toEqual({ executablePath: file });
  });

  it("says why when CHROMIUM_PATH names nothing", () => {
    expect(locateChromium({ CHROMIUM_PATH: "/nonexistent/chromium" })).toEqual({ missing: "CHROMIUM_PATH=/nonexistent/chromium does not exist" });
  });
});
