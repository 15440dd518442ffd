import { parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

/** `backup-links sync [--config FILE] [--dry-run] [--json]` */
export interface SyncArgs {
  command: "sync";
  config: string;
  dryRun: boolean;
  json: boolean;
}

/** The configuration file read when `--config` is not given (in the current directory). */
export const DEFAULT_SYNC_CONFIG = "backup-links-sync.yaml";

/** Parses the arguments after `sync`; `{ command: "help" }` for `--help`. Throws UsageError naming the argument. */
export function parseSyncArgs(args: readonly string[]): SyncArgs | { command: "help"; topic: "sync" } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: { config: { type: "string", short: "c" }, "dry-run": { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    const option = /'(?:-\w, )?(--?[\w-]+)/.exec((error as Error).message)?.[1] ?? "option";
    const code = (error as { code?: string }).code;
    throw new UsageError(code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? `unknown option ${option}` : `${option}: needs a value`, "sync");
  }
  if (parsed.values.help === true) return { command: "help", topic: "sync" };
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[0])}`, "sync");
  const config = parsed.values.config ?? DEFAULT_SYNC_CONFIG;
  if (config.trim() === "") throw new UsageError("--config: must not be empty", "sync");
  return { command: "sync", config, dryRun: parsed.values["dry-run"] === true, json: parsed.values.json === true };
}
