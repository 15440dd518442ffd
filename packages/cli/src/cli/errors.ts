import { ApiError, CredentialsError, NetworkError, ValidationError, redactText } from "@backup-links/core";
import { PagingError } from "@backup-links/core/client";
import { NoDownloadableBackupError } from "../backups/no-downloadable.js";
import type { CliContext } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

/** The library's option names, as the command-line flags the user typed. */
const FLAG_FOR_FIELD: Readonly<Record<string, string>> = {
  api: "<api>",
  backupId: "--backup-id",
  instanceId: "--instance-id",
  projectId: "--project-id",
  region: "--region",
  endpoint: "--endpoint",
  osCloud: "--os-cloud",
  baseUrl: "--endpoint",
  expiration: "--expiration",
  urlExpirationSecond: "--expiration",
  fileName: "--file-name",
  latest: "--latest",
  type: "--type",
  since: "--since",
};

/** "region: is required ... unless an endpoint is given" reads better with the flag's own name. */
function flagWording(rule: string): string {
  return rule.replace("unless an endpoint is given", "unless --endpoint is given");
}

/**
 * Prints an error the way the command reports it and returns the exit status. Messages come from errors that
 * already redact links and never echo secrets; redactText is applied once more to anything unexpected.
 */
export function reportError(error: unknown, context: CliContext, command: string | undefined): number {
  const say = (message: string): void => {
    context.stderr.write(`backup-links: ${message}\n`);
  };
  if (error instanceof UsageError) {
    say(error.message);
    const topic = error.command ?? command;
    context.stderr.write(`Run 'backup-links ${topic === undefined ? "" : `${topic} `}--help' for usage.\n`);
    return EXIT.USAGE;
  }
  if (error instanceof CredentialsError) {
    say(error.message);
    return EXIT.USAGE;
  }
  if (error instanceof ValidationError) {
    say(`${FLAG_FOR_FIELD[error.field] ?? error.field}: ${flagWording(error.rule)}`);
    context.stderr.write(`Run 'backup-links ${command === undefined ? "" : `${command} `}--help' for usage.\n`);
    return EXIT.USAGE;
  }
  if (error instanceof ApiError || error instanceof NetworkError || error instanceof PagingError || error instanceof NoDownloadableBackupError) {
    say(error.message);
    return EXIT.API;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`unexpected error: ${redactText(message)}`);
  if (context.env.BACKUP_LINKS_DEBUG && error instanceof Error && error.stack) {
    context.stderr.write(`${redactText(error.stack)}\n`);
  }
  return EXIT.UNEXPECTED;
}
