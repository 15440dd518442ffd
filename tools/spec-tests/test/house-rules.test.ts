/**
 * The house lint rules in redocly.yaml bite: deliberately broken copies of a spec fail `redocly lint` with exactly
 * the expected rule ids, an unbroken copy passes, and the seven real specs lint with no error and no warning.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { API_IDS, REDOCLY_BIN, REPO_ROOT } from "./support.ts";

const run = promisify(execFile);

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; location: { source: { ref: string } }[] }[];
}

/** `redocly lint --format json` prints one JSON object per API, back to back: split them at depth 0. */
function parseConcatenatedJson(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === "}") {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}

/** Lint every API of a config; reports come back in the order of `apis:`. Exit code 1 just means errors were found. */
async function lintAll(configFile: string, cwd: string): Promise<LintReport[]> {
  try {
    const { stdout } = await run(REDOCLY_BIN, ["lint", "--config", configFile, "--format", "json"], { cwd, maxBuffer: 16 * 1024 * 1024 });
    return parseConcatenatedJson(stdout) as LintReport[];
  } catch (error) {
    const failed = error as { stdout?: string; code?: number };
    if (failed.code === 1 && failed.stdout) return parseConcatenatedJson(failed.stdout) as LintReport[];
    throw error;
  }
}

const ruleIds = (report: LintReport) => [...new Set(report.problems.map((p) => p.ruleId))].sort();

type Yaml = Record<string, any>;
interface Variant {
  name: string;
  /** Change the copy: `edit(file, fn)` parses a YAML file of the copy, lets fn change it, writes it back. */
  breakIt: (edit: (file: string, fn: (doc: Yaml) => void) => void) => void;
  expected: string[];
}

const VARIANTS: Variant[] = [
  { name: "unchanged", breakIt: () => {}, expected: [] },
  {
    name: "missing-operation-id",
    breakIt: (edit) => edit("paths/backup-files.yaml", (d) => delete d.get.operationId),
    expected: ["operation-operationId", "rule/operation-operationId-defined"],
  },
  {
    name: "missing-summary",
    breakIt: (edit) => edit("paths/backup-files.yaml", (d) => delete d.get.summary),
    expected: ["operation-summary", "rule/operation-summary-defined"],
  },
  {
    name: "missing-tags",
    breakIt: (edit) => edit("paths/backup-files.yaml", (d) => delete d.get.tags),
    expected: ["rule/operation-tags-defined"],
  },
  {
    name: "missing-security",
    breakIt: (edit) => edit("paths/backup-files.yaml", (d) => delete d.get.security),
    expected: ["rule/operation-security-defined"],
  },
  {
    name: "no-4xx-response",
    breakIt: (edit) =>
      edit("paths/backup-files.yaml", (d) => {
        for (const code of Object.keys(d.get.responses)) if (code.startsWith("4")) delete d.get.responses[code];
      }),
    expected: ["operation-4xx-response", "rule/operation-4xx-response"],
  },
  {
    name: "property-without-description",
    breakIt: (edit) => edit("components/schemas/BackupDownloadLinks.yaml", (d) => delete d.properties.bucket.description),
    expected: ["rule/schema-property-description"],
  },
  {
    name: "response-without-example",
    breakIt: (edit) => edit("components/responses/InternalServerError.yaml", (d) => delete d.content["application/json"].examples),
    expected: ["rule/response-example-defined"],
  },
  // The same rules cover the list operation (paths/backups.yaml) and its responses.
  {
    name: "list-missing-operation-id",
    breakIt: (edit) => edit("paths/backups.yaml", (d) => delete d.get.operationId),
    expected: ["operation-operationId", "rule/operation-operationId-defined"],
  },
  {
    name: "list-missing-security",
    breakIt: (edit) => edit("paths/backups.yaml", (d) => delete d.get.security),
    expected: ["rule/operation-security-defined"],
  },
  {
    name: "list-no-4xx-response",
    breakIt: (edit) =>
      edit("paths/backups.yaml", (d) => {
        for (const code of Object.keys(d.get.responses)) if (code.startsWith("4")) delete d.get.responses[code];
      }),
    expected: ["operation-4xx-response", "rule/operation-4xx-response"],
  },
  {
    name: "list-response-without-example",
    breakIt: (edit) => edit("components/responses/BackupListOk.yaml", (d) => delete d.content["application/json"].examples),
    expected: ["rule/response-example-defined"],
  },
  {
    name: "list-time-as-date-time",
    breakIt: (edit) =>
      edit("paths/backups.yaml", (d) => {
        const at = d.get.parameters.findIndex((p: Yaml) => String(p.$ref).endsWith("list_begin_time.yaml"));
        d.get.parameters[at] = { name: "begin_time", in: "query", description: "Start time.", schema: { type: "string", format: "date-time" } };
      }),
    expected: ["rule/schema-no-date-time-format"],
  },
  {
    name: "unused-component",
    breakIt: (edit) =>
      edit("openapi.yaml", (d) => {
        d.components.schemas = { Unused: { type: "string", description: "Referenced by nothing." } };
      }),
    expected: ["no-unused-components"],
  },
];

describe("house rules bite on broken copies of otc-rds", () => {
  let dir = "";
  let reports: LintReport[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "spec-house-rules-"));
    const source = join(REPO_ROOT, "specs");
    const copyFilter = (from: string) => !/[\\/](node_modules|dist)([\\/]|$)/.test(from);
    cpSync(join(source, "_shared"), join(dir, "specs", "_shared"), { recursive: true, filter: copyFilter });
    const apis: Record<string, { root: string }> = {};
    for (const variant of VARIANTS) {
      const root = join(dir, "specs", variant.name);
      cpSync(join(source, "otc-rds"), root, { recursive: true, filter: copyFilter });
      variant.breakIt((file, fn) => {
        const full = join(root, file);
        const doc = parse(readFileSync(full, "utf8")) as Yaml;
        fn(doc);
        writeFileSync(full, stringify(doc));
      });
      apis[variant.name] = { root: `specs/${variant.name}/openapi.yaml` };
    }
    // The real house configuration, pointed at the copies.
    const config = parse(readFileSync(join(REPO_ROOT, "redocly.yaml"), "utf8")) as Yaml;
    config.apis = apis;
    writeFileSync(join(dir, "redocly.yaml"), stringify(config));
    reports = await lintAll(join(dir, "redocly.yaml"), dir);
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("produces one report per variant", () => {
    expect(reports).toHaveLength(VARIANTS.length);
  });

  it.each(VARIANTS.map((v, index) => [v.name, index, v.expected] as const))("%s reports exactly the expected rules", (_name, index, expected) => {
    const report = reports[index]!;
    expect(ruleIds(report)).toEqual([...expected].sort());
    expect(report.totals.warnings).toBe(0);
    expect(report.totals.errors).toBe(report.problems.length);
  });

  it("each variant's problems point into its own copy", () => {
    VARIANTS.forEach((variant, index) => {
      for (const problem of reports[index]!.problems) {
        expect(problem.location[0]!.source.ref).toMatch(new RegExp(`specs/${variant.name}/`));
      }
    });
  });
});

describe("the seven real specs", () => {
  it("lint with 0 errors and 0 warnings under the house rules", async () => {
    const reports = await lintAll(join(REPO_ROOT, "redocly.yaml"), REPO_ROOT);
    expect(reports).toHaveLength(API_IDS.length);
    expect(reports.map((r) => r.totals)).toEqual(API_IDS.map(() => ({ errors: 0, warnings: 0, ignored: 0 })));
  }, 60_000);

  it("are all configured in redocly.yaml with their root and output", () => {
    const config = parse(readFileSync(join(REPO_ROOT, "redocly.yaml"), "utf8")) as Yaml;
    expect(Object.keys(config.apis)).toEqual([...API_IDS]);
    for (const id of API_IDS) {
      expect(config.apis[id]).toEqual({ root: `specs/${id}/openapi.yaml`, output: `specs/${id}/dist/openapi.yaml` });
    }
    expect(config.telemetry).toBe("off");
    expect(config.extends).toEqual(["recommended-strict"]);
    expect(config.rules["no-unused-components"]).toBe("error");
  });
});
