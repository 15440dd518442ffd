import { parseArgs, type ParseArgsConfig } from "node:util";
import { API_IDS, isApiId, type ApiId } from "@backup-links/core";
import { parseSyncArgs, type SyncArgs } from "./sync-args.js";
import { UsageError } from "./usage-error.js";

/** The options `links` and `download` share: what the API call needs. */
export interface LinkArgs {
  api: ApiId;
  backupId: string | undefined;
  instanceId: string | undefined;
  region: string | undefined;
  projectId: string | undefined;
  /** NaN when the text was not a whole number: the range check then names the option. */
  expiration: number | undefined;
  fileName: string | undefined;
  endpoint: string | undefined;
  json: boolean;
  /** `--proxy URL`: overrides HTTPS_PROXY / HTTP_PROXY / NO_PROXY for the API call and the downloads. */
  proxy: string | undefined;
  /** `--latest`: the newest downloadable backup of `--instance-id` instead of `--backup-id`. */
  latest: boolean;
  /** `--type`, with `--latest` (links, download) or as a filter (backups). */
  type: string | undefined;
  /** `--os-cloud NAME`: the clouds.yaml entry (OTC), instead of OS_CLOUD. */
  osCloud: string | undefined;
}

/** `backup-links backups <api> ...`: the connection options of `links`, the instance, and filters. */
export interface BackupsArgs {
  api: ApiId;
  instanceId: string | undefined;
  region: string | undefined;
  projectId: string | undefined;
  endpoint: string | undefined;
  proxy: string | undefined;
  type: string | undefined;
  since: string | undefined;
  json: boolean;
  osCloud: string | undefined;
}

/** `backup-links config [<api>]`: where each setting of one API (or of every API) comes from. */
export interface ConfigArgs {
  api: ApiId | undefined;
  region: string | undefined;
  projectId: string | undefined;
  endpoint: string | undefined;
  osCloud: string | undefined;
  json: boolean;
}

export type Command =
  | { command: "help"; topic: "main" | "apis" | "config" | "links" | "download" | "backups" | "sync" }
  | { command: "version" }
  | { command: "apis"; json: boolean }
  | ({ command: "config" } & ConfigArgs)
  | ({ command: "backups" } & BackupsArgs)
  | ({ command: "links"; showLinks: boolean } & LinkArgs)
  | ({ command: "download"; out: string; concurrency: number; connections: number; quiet: boolean; fsync: boolean } & LinkArgs)
  | SyncArgs;

const LINK_OPTIONS = {
  "backup-id": { type: "string" },
  "instance-id": { type: "string" },
  region: { type: "string" },
  "project-id": { type: "string" },
  expiration: { type: "string" },
  "file-name": { type: "string" },
  endpoint: { type: "string" },
  "os-cloud": { type: "string" },
  json: { type: "boolean" },
  proxy: { type: "string" },
  latest: { type: "boolean" },
  type: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

const OPTIONS = {
  apis: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  config: {
    region: { type: "string" },
    "project-id": { type: "string" },
    endpoint: { type: "string" },
    "os-cloud": { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  backups: {
    "instance-id": { type: "string" },
    region: { type: "string" },
    "project-id": { type: "string" },
    endpoint: { type: "string" },
    "os-cloud": { type: "string" },
    proxy: { type: "string" },
    type: { type: "string" },
    since: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  links: { ...LINK_OPTIONS, "show-links": { type: "boolean" } },
  download: {
    ...LINK_OPTIONS,
    out: { type: "string", short: "o" },
    concurrency: { type: "string" },
    connections: { type: "string" },
    quiet: { type: "boolean", short: "q" },
    "no-fsync": { type: "boolean" },
  },
} as const satisfies Record<string, ParseArgsConfig["options"]>;

export const MAX_CONCURRENCY = 16;
export const DEFAULT_CONCURRENCY = 3;
export const MAX_CONNECTIONS = 16;
export const DEFAULT_CONNECTIONS = 4;

/** Parses the command line (without `node` and the script). Throws UsageError naming the offending argument. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") return { command: "help", topic: "main" };
  if (first === "--version" || first === "-v") return { command: "version" };
  // sync reads its targets from a configuration file: its own small set of options (sync-args.ts).
  if (first === "sync") return parseSyncArgs(rest);
  if (first !== "apis" && first !== "config" && first !== "backups" && first !== "links" && first !== "download") {
    throw new UsageError(
      first.startsWith("-") ? `unknown option ${first}` : `unknown command ${JSON.stringify(first)}: use apis, config, backups, links, download or sync`,
    );
  }
  const values = parse(first, rest);
  if (values.values.help === true) return { command: "help", topic: first };

  if (first === "apis") {
    if (values.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(values.positionals[0])}`, first);
    return { command: "apis", json: values.values.json === true };
  }

  const v = values.values as Record<string, string | boolean | undefined>;
  const str = (name: string): string | undefined => (typeof v[name] === "string" ? (v[name] as string) : undefined);
  const [api, ...extra] = values.positionals;
  if (first === "config") {
    if (api !== undefined && !isApiId(api)) throw new UsageError(`<api>: unknown API ${JSON.stringify(api)}; one of ${API_IDS.join(", ")}`, first);
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`, first);
    return {
      command: "config",
      api,
      region: str("region"),
      projectId: str("project-id"),
      endpoint: str("endpoint"),
      osCloud: str("os-cloud"),
      json: v.json === true,
    };
  }
  if (api === undefined) throw new UsageError(`<api>: missing; one of ${API_IDS.join(", ")}`, first);
  if (!isApiId(api)) throw new UsageError(`<api>: unknown API ${JSON.stringify(api)}; one of ${API_IDS.join(", ")}`, first);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`, first);

  if (str("proxy") !== undefined && !isProxyUrl(str("proxy")!)) {
    // The value is not repeated: a proxy URL may carry a password.
    throw new UsageError("--proxy: must be a URL like http://host:port (schemes http, https, socks5)", first);
  }
  if (first === "backups") {
    if (str("instance-id") === undefined) throw new UsageError("--instance-id: required (the instance whose backups to list)", first);
    return {
      command: "backups",
      api,
      instanceId: str("instance-id"),
      region: str("region"),
      projectId: str("project-id"),
      endpoint: str("endpoint"),
      proxy: str("proxy"),
      type: str("type"),
      since: str("since"),
      json: v.json === true,
      osCloud: str("os-cloud"),
    };
  }
  const latest = v.latest === true;
  if (latest && str("backup-id") !== undefined) throw new UsageError("--latest and --backup-id cannot be combined: pass one or the other", first);
  if (latest && str("instance-id") === undefined) throw new UsageError("--latest needs --instance-id (the instance whose newest backup to take)", first);
  if (!latest && str("type") !== undefined) throw new UsageError("--type is only taken together with --latest", first);
  const linkArgs: LinkArgs = {
    api,
    backupId: str("backup-id"),
    instanceId: str("instance-id"),
    region: str("region"),
    projectId: str("project-id"),
    expiration: wholeNumber(str("expiration")),
    fileName: str("file-name"),
    endpoint: str("endpoint"),
    json: v.json === true,
    proxy: str("proxy"),
    latest,
    type: str("type"),
    osCloud: str("os-cloud"),
  };

  if (first === "links") return { command: "links", showLinks: v["show-links"] === true, ...linkArgs };

  const out = str("out") ?? ".";
  if (out.trim() === "") throw new UsageError("--out: must not be empty", first);
  const concurrencyText = str("concurrency");
  const concurrency = concurrencyText === undefined ? DEFAULT_CONCURRENCY : wholeNumber(concurrencyText)!;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency: must be a whole number from 1 to ${MAX_CONCURRENCY}`, first);
  }
  const connectionsText = str("connections");
  const connections = connectionsText === undefined ? DEFAULT_CONNECTIONS : wholeNumber(connectionsText)!;
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS) {
    throw new UsageError(`--connections: must be a whole number from 1 to ${MAX_CONNECTIONS}`, first);
  }
  const quiet = v.quiet === true;
  if (quiet && linkArgs.json) throw new UsageError("--quiet and --json cannot be combined", first);
  return { command: "download", out, concurrency, connections, quiet, fsync: v["no-fsync"] !== true, ...linkArgs };
}

function parse(command: keyof typeof OPTIONS, args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS[command], strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }), command);
  }
}

/** node:util's messages mention positional tricks and quote oddly; say plainly which argument is wrong. */
function describeParseError(error: Error & { code?: string }): string {
  // "Option '-o, --out <value>' argument missing" -> "--out"; "Unknown option '-x'. ..." -> "-x".
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(error.message)?.[1] ?? "option";
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/does not take an argument/.test(error.message)) return `${option}: takes no value`;
    if (/ambiguous/.test(error.message)) return `${option}: needs a value (write ${option}=VALUE for a value that starts with '-')`;
    return `${option}: needs a value`;
  }
  return error.message;
}

function isProxyUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return ["http:", "https:", "socks5:", "socks:"].includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

/** "3600" -> 3600; anything that is not plain decimal digits -> NaN (so the range check reports it). */
function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}
