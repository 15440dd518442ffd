import { parseCommand, type Command } from "./args.js";
import type { CliContext } from "./context.js";
import { reportError } from "./errors.js";
import { EXIT } from "./exit-codes.js";
import { APIS_HELP, BACKUPS_HELP, CONFIG_HELP, DOWNLOAD_HELP, LINKS_HELP, MAIN_HELP, SYNC_HELP } from "./help.js";
import { VERSION } from "../version.js";

const HELP = { main: MAIN_HELP, apis: APIS_HELP, config: CONFIG_HELP, backups: BACKUPS_HELP, links: LINKS_HELP, download: DOWNLOAD_HELP, sync: SYNC_HELP } as const;

/**
 * Runs `backup-links` with the given arguments (without `node` and the script) and returns the exit status.
 * Never throws and never calls process.exit: bin.ts does, and tests call this directly.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  let command: Command | undefined;
  try {
    command = parseCommand(argv);
    switch (command.command) {
      case "help":
        context.stdout.write(`${HELP[command.topic]}\n`);
        return EXIT.OK;
      case "version":
        context.stdout.write(`${VERSION}\n`);
        return EXIT.OK;
      // Each command's modules (clients, undici, YAML) load only when it runs: `--help` and `--version` stay quick.
      case "apis":
        return (await import("./commands/apis.js")).runApis(command.json, context);
      case "config":
        return (await import("./commands/config.js")).runConfig(command, context);
      case "backups":
        return await (await import("./commands/backups.js")).runBackups(command, context);
      case "links":
        return await (await import("./commands/links.js")).runLinks(command, context);
      case "download":
        return await (await import("./commands/download.js")).runDownload(command, context);
      case "sync":
        return await (await import("./commands/sync.js")).runSyncCommand(command, context);
    }
  } catch (error) {
    if (context.signal?.aborted) {
      context.stderr.write("backup-links: interrupted\n");
      return context.signal.reason === "SIGTERM" ? EXIT.SIGTERM : EXIT.SIGINT;
    }
    return reportError(error, context, command?.command === "help" ? undefined : command?.command ?? commandWord(argv));
  }
}

/** The command word, for pointing to its help when the arguments after it did not parse. */
function commandWord(argv: readonly string[]): string | undefined {
  const first = argv[0];
  return first === "apis" || first === "config" || first === "backups" || first === "links" || first === "download" || first === "sync" ? first : undefined;
}
