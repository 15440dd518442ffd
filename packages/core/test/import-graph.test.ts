import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The part of madge's API used here (madge ships no types). A tree (file -> its imports) can be passed instead of a path. */
interface MadgeResult {
  obj(): Record<string, string[]>;
  circular(): string[][];
  warnings(): { skipped: string[] };
}
type Madge = (source: string | Record<string, string[]>, config?: object) => Promise<MadgeResult>;
const madge = createRequire(import.meta.url)("madge") as Madge;

const PACKAGE = new URL("../", import.meta.url).pathname;
const SOURCE = join(PACKAGE, "src");
/** Type-only imports count: a circle through `import type` still keeps a reader from learning the modules bottom-up. */
const graphOf = (dir: string, tsConfig?: string) =>
  madge(dir, { fileExtensions: ["ts"], ...(tsConfig === undefined ? {} : { tsConfig }), detectiveOptions: { ts: { skipTypeImports: false } } });

/**
 * madge resolves the package's `#digest` / `#fast-paths` imports through package.json `imports` to dist/ (when built),
 * which would hide a circle through them (canonical.ts -> #fast-paths -> canonical.ts was one). Each such target
 * is replaced by the sources of every variant (Node and browser), e.g. `../dist/signers/fast-paths.js` by
 * `signers/fast-paths.ts` and `signers/fast-paths-web.ts` (an import of one variant counts as one of all: a circle
 * through either is a circle in one of the builds).
 */
function sourceVariants(): Map<string, string[]> {
  const manifest = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as {
    imports: Record<string, Record<string, string>>;
  };
  const toSource = (target: string) => target.replace(/^\.\/dist\//, "").replace(/\.(d\.ts|js)$/, ".ts");
  const variants = new Map<string, string[]>();
  for (const conditions of Object.values(manifest.imports)) {
    const sources = [...new Set(Object.entries(conditions).filter(([c]) => c !== "types").map(([, t]) => toSource(t)))];
    // Built: madge follows package.json `imports` to dist/. Not built: tsconfig `paths` to the Node variant's source.
    for (const target of Object.values(conditions)) variants.set(target.replace(/^\.\//, "../"), sources);
    if (conditions.default !== undefined) variants.set(toSource(conditions.default), sources);
  }
  return variants;
}

/** Core's import graph over its sources only, `#imports` mapped to the sources they stand for. */
async function coreSourceGraph(): Promise<{ tree: Record<string, string[]>; skipped: string[] }> {
  const graph = await graphOf(SOURCE, join(PACKAGE, "tsconfig.json"));
  const variants = sourceVariants();
  const tree: Record<string, string[]> = {};
  for (const [file, imports] of Object.entries(graph.obj())) {
    if (file.startsWith("../")) continue;
    tree[file] = [...new Set(imports.flatMap((target) => variants.get(target) ?? [target]))];
  }
  return { tree, skipped: graph.warnings().skipped };
}

/** Every .ts file under `dir`, relative to it, with "/" separators (madge's own form). */
function sourceFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(dir, relative);
    return entry.name.endsWith(".ts") ? [relative] : [];
  });
}

describe("core's import graph", () => {
  it("has no import circle (madge --circular --extensions ts src, with #digest/#fast-paths as their sources)", async () => {
    const { tree } = await coreSourceGraph();
    expect((await madge(tree)).circular()).toEqual([]);
  });

  it("covers every source file, and every import resolves to one of them (a skipped or outside file could hide a circle)", async () => {
    const { tree, skipped } = await coreSourceGraph();
    const files = sourceFiles(SOURCE).sort();
    expect(Object.keys(tree).sort()).toEqual(files);
    expect([...new Set(Object.values(tree).flat())].filter((target) => !files.includes(target))).toEqual([]);
    expect(skipped).toEqual([]);
    // The mapping is in effect: the signers' canonicalisation reaches both variants of the fast paths.
    expect(tree["signers/canonical.ts"]).toEqual(expect.arrayContaining(["signers/fast-paths.ts", "signers/fast-paths-web.ts"]));
  });

  describe("the check itself", () => {
    const dir = mkdtempSync(join(tmpdir(), "core-import-graph-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("finds a circle made of type-only imports, like the one core had between api-profile.ts and credentials.ts", async () => {
      writeFileSync(join(dir, "profile.ts"), 'import type { Names } from "./names.js";\nexport interface Profile { env: Names }\n');
      writeFileSync(join(dir, "names.ts"), 'import type { Profile } from "./profile.js";\nexport interface Names { of: Profile }\n');
      writeFileSync(join(dir, "leaf.ts"), "export const LEAF = 1;\n");
      expect((await graphOf(dir)).circular()).toEqual([["names.ts", "profile.ts"]]);
    });

    it("finds a circle through a #fast-paths import once mapped to its source", async () => {
      const tree = { "signers/canonical.ts": ["../dist/signers/fast-paths.js"], "signers/fast-paths.ts": ["signers/canonical.ts"] };
      const variants = sourceVariants();
      const mapped = Object.fromEntries(Object.entries(tree).map(([file, imports]) => [file, imports.flatMap((t) => variants.get(t) ?? [t])]));
      expect((await madge(mapped)).circular()).toEqual([["signers/canonical.ts", "signers/fast-paths.ts"]]);
    });
  });
});
