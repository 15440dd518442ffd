// publint and "Are the types wrong?" on the tarballs exactly as they would be published.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, inject, it } from "vitest";
import { PUBLISHED_PACKAGES, run } from "../src/published.ts";

const ATTW = join(import.meta.dirname, "../node_modules/.bin/attw");
// The packages are ESM-only, so the esm-only profile: it checks node16 (ESM) and bundler resolution and ignores
// node10 (no `exports` support) and node16-cjs (a CommonJS consumer would need require(esm)).
const IGNORED_BY_ESM_ONLY = new Set(["node10", "node16-cjs"]);

describe.each(PUBLISHED_PACKAGES.map((p) => [p.name] as const))("%s as published", (name) => {
  it("passes publint with no message at all (suggestions included, warnings as errors)", async () => {
    const bytes = readFileSync(inject("tarballs")[name]!);
    const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const { messages, pkg } = await publint({ pack: { tarball }, level: "suggestion", strict: true });
    expect(messages.map((m) => formatMessage(m, pkg, { color: false }))).toEqual([]);
  });

  it.concurrent("passes attw --profile esm-only", async () => {
    const args = [inject("tarballs")[name]!, "--profile", "esm-only", "--no-definitely-typed", "--format", "json"];
    const outcome = await run(ATTW, args).then(
      ({ stdout }) => ({ exitCode: 0, stdout }),
      (error: { code?: number; stdout?: string }) => ({ exitCode: error.code ?? -1, stdout: error.stdout ?? "{}" }),
    );
    const report = JSON.parse(outcome.stdout) as {
      analysis: { problems: Array<{ resolutionKind?: string }>; entrypoints: Record<string, unknown> };
    };
    expect(report.analysis.problems.filter((p) => !IGNORED_BY_ESM_ONLY.has(p.resolutionKind ?? ""))).toEqual([]);
    expect(outcome.exitCode).toBe(0);
    expect(Object.keys(report.analysis.entrypoints)).toContain(".");
  });
});
