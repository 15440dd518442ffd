import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** What the index says about one client package, read from its manifest and README. */
export interface PackageFacts {
  name: string;
  version: string;
  description?: string;
  /** The first TypeScript/JavaScript example of the README, if the README has one. */
  readmeExample?: string;
  /** The exported `create...Client` factory, found in the package's entry source. */
  factory?: string;
  /** The `@example` of the factory's doc comment, with the import it needs. */
  factoryExample?: string;
}

const CODE_BLOCK = /^```(ts|typescript|js|javascript|mjs)\s*\n([\s\S]*?)^```/m;
const FACTORY_EXPORT = /export\s+(?:declare\s+)?(?:async\s+)?(?:function|const)\s+(create\w+Client)\b/;
const FACTORY_REEXPORT = /export\s*\{[^}]*\b(create\w+Client)\b[^}]*\}/;
// A doc comment directly followed by the factory's declaration.
const FACTORY_DOC = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export\s+(?:async\s+)?function\s+(create\w+Client)\b/;

export function readPackageFacts(dir: string): PackageFacts {
  const manifestPath = path.join(dir, "package.json");
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath}: missing (every API needs its client package)`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name?: unknown; version?: unknown; description?: unknown };
  if (typeof manifest.name !== "string" || manifest.name === "") throw new Error(`${manifestPath}: name must be a non-empty string`);
  if (typeof manifest.version !== "string") throw new Error(`${manifestPath}: version must be a string`);
  const readmePath = path.join(dir, "README.md");
  const readmeExample = existsSync(readmePath) ? CODE_BLOCK.exec(readFileSync(readmePath, "utf8"))?.[2]?.trimEnd() : undefined;
  return {
    name: manifest.name,
    version: manifest.version,
    ...(typeof manifest.description === "string" && manifest.description !== "" ? { description: manifest.description } : {}),
    ...(readmeExample ? { readmeExample } : {}),
    ...withFactory(dir, manifest.name),
  };
}

function withFactory(dir: string, packageName: string): { factory?: string; factoryExample?: string } {
  for (const candidate of ["src/index.ts", "dist/index.d.ts"]) {
    const file = path.join(dir, candidate);
    if (!existsSync(file)) continue;
    const source = readFileSync(file, "utf8");
    const factory = FACTORY_EXPORT.exec(source)?.[1] ?? FACTORY_REEXPORT.exec(source)?.[1];
    if (!factory) continue;
    const example = docExample(source, factory);
    return { factory, ...(example ? { factoryExample: `import { ${factory} } from "${packageName}";\n\n${example}` } : {}) };
  }
  return {};
}

/** The `@example` section of the doc comment on `export function <name>`, without the comment's stars. */
function docExample(source: string, name: string): string | undefined {
  const match = FACTORY_DOC.exec(source);
  if (!match || match[2] !== name) return undefined;
  const lines = (match[1] ?? "").split("\n").map((line) => line.replace(/^\s*\* ?/, ""));
  const start = lines.findIndex((line) => line.trim() === "@example");
  if (start < 0) return undefined;
  const body = lines.slice(start + 1);
  const end = body.findIndex((line) => /^\s*@\w+/.test(line));
  const example = (end < 0 ? body : body.slice(0, end)).join("\n").replace(/^```\w*\n|\n```\s*$/g, "").trim();
  return example || undefined;
}
