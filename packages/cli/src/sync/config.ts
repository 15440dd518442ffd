/**
 * The sync configuration file: YAML, checked against the JSON Schema shipped in this package
 * (`schema/sync-config.schema.json`, also `@backup-links/cli/sync-config.schema.json` for editors), then against
 * what a schema cannot know (regions of the API, one directory per target). Every mistake is reported with the
 * file, the line and the field (`sync.yaml:7:5: targets[0].keep: must be >= 1`), before anything is touched.
 */
import { accessSync, constants, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { LineCounter, isMap, isPair, isScalar, parseDocument, type Document, type Node } from "yaml";
import { listRegions, type ApiId } from "@backup-links/core";
import { safeFileName } from "../download/safe-name.js";
import { APIS } from "../links/apis.js";

export type BackupKind = "full" | "incremental" | "differential";

export type Selection = { latest: BackupKind } | { since: Date; type: BackupKind | undefined } | { lastDays: number; type: BackupKind | undefined };

/** Names of the environment variables holding a target's credentials (never the values). */
export interface CredentialVariables {
  accessKeyVariable?: string;
  secretKeyVariable?: string;
  securityTokenVariable?: string;
  tokenVariable?: string;
  projectIdVariable?: string;
}

export interface SyncTarget {
  name: string;
  api: ApiId;
  region: string | undefined;
  endpoint: string | undefined;
  projectId: string | undefined;
  instances: string[];
  select: Selection;
  /** Absolute. */
  destination: string;
  keep: number;
  credentials: CredentialVariables | undefined;
}

export interface SyncConfig {
  file: string;
  concurrency: number;
  targets: SyncTarget[];
}

/** A problem with the configuration file; `problems` each name the file, line and field. */
export class SyncConfigError extends Error {
  override readonly name = "SyncConfigError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

export const DEFAULT_CONCURRENCY = 2;

export const SCHEMA_PATH = new URL("../../schema/sync-config.schema.json", import.meta.url);

let validator: ReturnType<Ajv["compile"]> | undefined;
function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

type PathPart = string | number;

/** `targets[0].select.since` */
export function fieldName(parts: readonly PathPart[]): string {
  return parts.map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`)).join("") || "(the file)";
}

/** Locates fields of the parsed YAML document by path, as `file:line:col`. */
class Locator {
  constructor(
    private readonly file: string,
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Where the value at `parts` is (or its key, with `key`); falls back to the nearest parent that exists. */
  at(parts: readonly PathPart[], key?: string): string {
    for (let depth = parts.length; depth >= 0; depth--) {
      const node = this.document.getIn(parts.slice(0, depth), true) as Node | undefined;
      if (node === undefined && depth > 0) continue;
      let offset = node?.range?.[0] ?? 0;
      if (depth === parts.length && key !== undefined && isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
        const keyNode = pair?.key as Node | undefined;
        if (keyNode?.range) offset = keyNode.range[0];
      } else if (depth === parts.length && depth > 0) {
        // Point at the key of a mapping value (the line a user looks for), not at the value after it.
        const parent = this.document.getIn(parts.slice(0, depth - 1), true) as Node | undefined;
        const last = parts[depth - 1];
        if (isMap(parent)) {
          const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === last);
          const keyNode = pair?.key as Node | undefined;
          if (keyNode?.range) offset = keyNode.range[0];
        }
      }
      const { line, col } = this.lines.linePos(offset);
      return `${this.file}:${line}:${col}`;
    }
    return this.file;
  }
}

const pathOf = (error: ErrorObject): PathPart[] =>
  error.instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** One sentence per schema error, in the words of the field (`must be one of ...`, `unknown key "kep"`). */
function describe(error: ErrorObject, locator: Locator): string | undefined {
  const parts = pathOf(error);
  const field = fieldName(parts);
  const params = error.params as Record<string, unknown>;
  // Errors inside a oneOf/anyOf branch ("required" of one alternative) are reported once, by the oneOf/anyOf itself.
  if (/\/(oneOf|anyOf)\/\d+\//.test(error.schemaPath)) return undefined;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      return `${locator.at(parts, key)}: ${fieldName([...parts, key])}: unknown key (a typo?); allowed here: ${allowedKeys(parts).join(", ")}`;
    }
    case "required":
      return `${locator.at(parts)}: ${fieldName([...parts, String(params.missingProperty)])}: is required`;
    case "enum":
      return `${locator.at(parts)}: ${field}: must be one of ${(params.allowedValues as unknown[]).join(", ")}`;
    case "oneOf":
    case "anyOf":
      if (parts.at(-1) === "select") {
        return `${locator.at(parts)}: ${field}: give exactly one of latest, since or lastDays (type only with since or lastDays)`;
      }
      if (parts.at(-1) === "credentials") {
        return `${locator.at(parts)}: ${field}: give accessKeyVariable and secretKeyVariable (and optionally securityTokenVariable), or tokenVariable`;
      }
      return `${locator.at(parts)}: ${field}: ${error.message ?? "is not valid"}`;
    case "pattern":
      if (parts.at(-1) === "since") return `${locator.at(parts)}: ${field}: must be a date such as 2026-11-01 or 2026-11-01T03:00:00Z`;
      if (String(parts.at(-1)).endsWith("Variable")) return `${locator.at(parts)}: ${field}: must be an environment variable name such as OTC_PROD_AK`;
      if (parts.at(-1) === "endpoint") return `${locator.at(parts)}: ${field}: must be an http or https URL`;
      return `${locator.at(parts)}: ${field}: must match ${String(params.pattern)}`;
    default:
      return `${locator.at(parts)}: ${field}: ${error.message ?? "is not valid"}`;
  }
}

function allowedKeys(parts: readonly PathPart[]): string[] {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as {
    properties: Record<string, unknown>;
    definitions: Record<string, { properties: Record<string, unknown> }>;
  };
  const last = parts.at(-1);
  const definition = parts.length === 0 ? schema : typeof last === "number" ? schema.definitions.target! : schema.definitions[String(last)];
  return Object.keys(definition?.properties ?? {});
}

/** Reads, parses and checks a configuration file. Throws SyncConfigError listing every problem found. */
export function loadSyncConfig(file: string): SyncConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SyncConfigError([`${file}: cannot read the configuration file (${code === "ENOENT" ? "it does not exist" : code ?? "error"})`]);
  }
  return parseSyncConfig(text, file);
}

/** Parses and checks configuration text; `file` names it in errors and anchors relative destinations. */
export function parseSyncConfig(text: string, file: string): SyncConfig {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new SyncConfigError(
      document.errors.map((error) => {
        const position = error.linePos?.[0];
        const where = position === undefined ? file : `${file}:${position.line}:${position.col}`;
        return `${where}: not valid YAML: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`;
      }),
    );
  }
  const value = document.toJS() as unknown;
  const locator = new Locator(file, document, lines);
  if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) {
    throw new SyncConfigError([`${file}:1:1: the file must be a YAML mapping with a "targets" list`]);
  }
  const problems = [...new Set(validate(value).map((error) => describe(error, locator)).filter((line): line is string => line !== undefined))];
  if (problems.length > 0) throw new SyncConfigError(problems);

  const raw = value as { concurrency?: number; targets: Array<Record<string, unknown>> };
  const base = path.dirname(path.resolve(file));
  const targets = raw.targets.map((target, index) => toTarget(target, index, base, locator, problems));
  checkOverlaps(targets, locator, problems);
  if (problems.length === 0) checkDestinations(targets, locator, problems);
  if (problems.length > 0) throw new SyncConfigError(problems);
  return { file: path.resolve(file), concurrency: raw.concurrency ?? DEFAULT_CONCURRENCY, targets };
}

function toTarget(raw: Record<string, unknown>, index: number, base: string, locator: Locator, problems: string[]): SyncTarget {
  const at = (...parts: PathPart[]): string => locator.at(["targets", index, ...parts]);
  const api = raw.api as ApiId;
  const { provider, service, regionInRequest } = APIS[api];
  const region = raw.region as string | undefined;
  const endpoint = raw.endpoint as string | undefined;
  const known = listRegions(provider, service);
  if (region === undefined && (endpoint === undefined || regionInRequest)) {
    problems.push(`${at()}: targets[${index}].region: is required for ${api}${regionInRequest ? "" : " unless endpoint is given"}; one of ${known.join(", ")}`);
  } else if (region !== undefined && endpoint === undefined && !known.includes(region)) {
    problems.push(`${at("region")}: targets[${index}].region: unknown region ${JSON.stringify(region)} for ${api}; one of ${known.join(", ")}`);
  }
  if (!APIS[api].projectId && raw.projectId !== undefined) {
    problems.push(`${at("projectId")}: targets[${index}].projectId: is not used by ${api}`);
  }
  const select = raw.select as { latest?: BackupKind; since?: string; lastDays?: number; type?: BackupKind };
  let selection: Selection;
  if (select.latest !== undefined) selection = { latest: select.latest };
  else if (select.lastDays !== undefined) selection = { lastDays: select.lastDays, type: select.type };
  else {
    const since = parseSinceText(select.since!);
    if (since === undefined) problems.push(`${at("select", "since")}: targets[${index}].select.since: ${JSON.stringify(select.since)} is not a real date`);
    selection = { since: since ?? new Date(0), type: select.type };
  }
  return {
    name: raw.name as string,
    api,
    region,
    endpoint,
    projectId: raw.projectId as string | undefined,
    instances: raw.instances as string[],
    select: selection,
    destination: path.resolve(base, raw.destination as string),
    keep: raw.keep as number,
    credentials: raw.credentials as CredentialVariables | undefined,
  };
}

/** `2026-11-01` (midnight UTC) or a date and time, UTC unless a zone is written; undefined for an impossible date. */
export function parseSinceText(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone = "Z"] = m;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +s > 59) return undefined;
  const offset = zone === "Z" ? 0 : (zone.startsWith("-") ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(-2));
  return new Date(utc - offset * 60_000);
}

/** Target names are unique, and no two targets (or instances) write the same directory. */
function checkOverlaps(targets: SyncTarget[], locator: Locator, problems: string[]): void {
  const names = new Map<string, number>();
  const directories = new Map<string, { index: number; name: string }>();
  targets.forEach((target, index) => {
    const previous = names.get(target.name);
    if (previous !== undefined) {
      problems.push(`${locator.at(["targets", index, "name"])}: targets[${index}].name: ${JSON.stringify(target.name)} is already the name of targets[${previous}]`);
    }
    names.set(target.name, index);
    target.instances.forEach((instance, position) => {
      let directory: string;
      try {
        directory = instanceDirectory(target.destination, target.api, instance);
      } catch (error) {
        problems.push(`${locator.at(["targets", index, "instances", position])}: targets[${index}].instances[${position}]: ${(error as Error).message}`);
        return;
      }
      const owner = directories.get(directory);
      if (owner !== undefined && owner.index !== index) {
        problems.push(
          `${locator.at(["targets", index, "instances", position])}: targets[${index}].instances[${position}]: targets ${JSON.stringify(owner.name)} and ${JSON.stringify(target.name)} would both write ${directory}`,
        );
      }
      directories.set(directory, { index, name: target.name });
    });
  });
}

/** `<destination>/<api>/<instance>`: where one instance's copies live. */
export function instanceDirectory(destination: string, api: ApiId, instanceId: string): string {
  return path.join(destination, api, portableName(instanceId));
}

/**
 * A directory name safe on Linux, macOS and Windows: the downloader's `safeFileName` (no path separators, `..`,
 * control characters or over-long names), then the characters Windows forbids (`<>:"|?*`) and trailing dots and
 * spaces (which Windows drops) become `_`, and device names (`CON`, `NUL`...) get a `_` prefix.
 */
export function portableName(name: string): string {
  const cleaned = safeFileName(name)
    .replace(/[<>:"|?*]/g, "_")
    .replace(/[. ]+$/, (tail) => "_".repeat(tail.length));
  return /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(cleaned) ? `_${cleaned}` : cleaned;
}

/**
 * Each destination must be a directory this process can write, or not exist yet below one it can: checked before
 * anything is written, so a bad destination is a configuration error and no target starts.
 */
function checkDestinations(targets: SyncTarget[], locator: Locator, problems: string[]): void {
  targets.forEach((target, index) => {
    const at = locator.at(["targets", index, "destination"]);
    let existing = target.destination;
    for (;;) {
      try {
        const stat = statSync(existing);
        if (!stat.isDirectory()) {
          const what = existing === target.destination ? "is a file, not a directory" : `cannot be created: ${existing} is a file`;
          problems.push(`${at}: targets[${index}].destination: ${target.destination} ${what}`);
          return;
        }
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        const parent = path.dirname(existing);
        if (parent === existing) break;
        existing = parent;
      }
    }
    try {
      accessSync(existing, constants.W_OK | constants.X_OK);
    } catch {
      const what = existing === target.destination ? "is not writable" : `cannot be created: ${existing} is not writable`;
      problems.push(`${at}: targets[${index}].destination: ${target.destination} ${what}`);
    }
  });
}
