#!/usr/bin/env node
// Sums every vitest JSON report in the workspace into the one closing line CI promises.
// A package that has a `test` script but left no report (it crashed, or never ran) counts as one failure,
// so a broken suite can never make the total look better.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const workspaceDirs = ["specs", "packages", "tools"].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(group, entry.name))
    : [],
);
workspaceDirs.push("docs");

let passed = 0;
let failed = 0;
const rows = [];
// The CI log keeps only its tail, so each failure is named here, beside the totals, with its first message line.
const failures = [];
const firstLine = (text) => (text ?? "").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((line) => line.trim() !== "")?.trim().slice(0, 300) ?? "";
for (const dir of workspaceDirs) {
  const manifestPath = join(root, dir, "package.json");
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  if (!manifest.scripts?.test) continue;
  const resultsDir = join(root, dir, "test-results");
  const reports = existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith(".json")) : [];
  if (reports.length === 0) {
    failed += 1;
    rows.push(`${dir}: no test report (suite did not run to completion) -> counted as 1 failed`);
    continue;
  }
  for (const report of reports) {
    const data = JSON.parse(readFileSync(join(resultsDir, report), "utf8"));
    let suiteFailures = 0;
    for (const file of data.testResults ?? []) {
      const where = file.name.startsWith(root) ? file.name.slice(root.length) : file.name;
      if (file.status === "failed" && file.assertionResults.length === 0) {
        suiteFailures += 1;
        failures.push(`${where}: the file failed to run: ${firstLine(file.message)}`);
      }
      for (const test of file.assertionResults) {
        if (test.status === "failed") failures.push(`${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      }
    }
    passed += data.numPassedTests;
    failed += data.numFailedTests + suiteFailures;
    rows.push(`${dir} (${report}): ${data.numPassedTests} passed, ${data.numFailedTests + suiteFailures} failed, ${data.numPendingTests + (data.numTodoTests ?? 0)} skipped`);
  }
}
for (const row of rows) console.log(row);
for (const failure of failures) console.log(`FAILED ${failure}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
