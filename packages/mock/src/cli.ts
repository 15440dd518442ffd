import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { API_IDS, type ApiId } from "@backup-links/core";
import { runCloud, type CloudArgs } from "./cloud/cli.js";
import { MockUsageError, startMocks, type Mocks } from "./mocks.js";
import { PrismStartError } from "./prism.js";

export const USAGE = `Usage: backup-links-mock [options] [api-id...]
       backup-links-mock --cloud [--port N] [--seed S] [--state FILE] [--file-size BYTES]

Starts a Prism mock server (prism mock --errors) for every backup-links API, or only the ones named, on
consecutive ports, prints where each one listens, and runs until Ctrl-C or SIGTERM, which stop them all.

API ids: ${API_IDS.join(", ")}

With --cloud it starts the stateful mock cloud instead: every API (list and download-link operations, signatures
checked) and the object store its links point to, with seeded instances and backups, on one port.

Options:
  -p, --port <n>    first port; the mocks use consecutive ports from here (default 4010; 0 = any free ports)
      --cloud       the stateful mock cloud (one server for every API and the object store)
      --seed <s>    --cloud: ids, times and file bytes derive from it (default backup-links)
      --state <f>   --cloud: keep the state in this JSON file (loaded if present, saved after each change)
      --file-size <bytes>  --cloud: base size of every backup file (default 65536)
      --host <addr> interface to listen on (default 127.0.0.1)
  -v, --verbose     also print Prism's request log, each line prefixed with its API id
  -h, --help        show this help
      --version     show the version

Exit status: 0 after a clean stop, 1 when a mock cannot start or dies, 2 for bad usage
(unknown API id, bad option, port out of range or in use).

Example:
  backup-links-mock otc-rds jdcloud-rds --port 5000
`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

type Parsed =
  | { help: true }
  | { version: true }
  | { cloud: CloudArgs }
  | { apis: ApiId[]; port: number; host: string; verbose: boolean };

export function parseCliArgs(argv: readonly string[]): Parsed {
  let values: {
    port?: string;
    host?: string;
    verbose?: boolean;
    help?: boolean;
    version?: boolean;
    cloud?: boolean;
    seed?: string;
    state?: string;
    "file-size"?: string;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: "string", short: "p" },
        host: { type: "string" },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
        cloud: { type: "boolean" },
        seed: { type: "string" },
        state: { type: "string" },
        "file-size": { type: "string" },
      },
    }));
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--bogus'": clear enough, but keep our own prefix.
    throw new MockUsageError((error as Error).message);
  }
  if (values.help) return { help: true };
  if (values.version) return { version: true };
  const portText = values.port ?? "4010";
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new MockUsageError(`--port must be an integer from 0 to 65535, got "${portText}"`);
  }
  const host = values.host ?? "127.0.0.1";
  if (!host.trim()) throw new MockUsageError("--host must not be empty");
  if (values.cloud) {
    if (positionals.length > 0) throw new MockUsageError(`--cloud serves every API; unexpected argument "${positionals[0]}"`);
    const sizeText = values["file-size"] ?? "65536";
    if (!/^\d{1,12}$/.test(sizeText)) throw new MockUsageError(`--file-size must be a whole number of bytes, got "${sizeText}"`);
    if (values.seed !== undefined && values.seed === "") throw new MockUsageError("--seed must not be empty");
    return { cloud: { port: Number(portText), host, seed: values.seed, stateFile: values.state, fileSize: Number(sizeText) } };
  }
  for (const option of ["seed", "state", "file-size"] as const) {
    if (values[option] !== undefined) throw new MockUsageError(`--${option} is only used with --cloud`);
  }
  for (const api of positionals) {
    if (!(API_IDS as readonly string[]).includes(api)) {
      throw new MockUsageError(`unknown API id "${api}"; known ids: ${API_IDS.join(", ")}`);
    }
  }
  const apis = (positionals.length > 0 ? positionals : [...API_IDS]) as ApiId[];
  return { apis, port: Number(portText), host, verbose: values.verbose ?? false };
}

/** Formats the "API id / URL" table printed once every mock is listening. */
export function formatTable(urls: Partial<Record<ApiId, string>>): string {
  const rows = Object.entries(urls) as [ApiId, string][];
  const width = Math.max("API id".length, ...rows.map(([id]) => id.length));
  return [`${"API id".padEnd(width)}  URL`, ...rows.map(([id, url]) => `${id.padEnd(width)}  ${url}`)].join("\n") + "\n";
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

/**
 * Runs the command and resolves with its exit status once every mock it started has stopped.
 * Stops on SIGINT, SIGTERM or SIGHUP (status 0), or when a mock dies on its own (status 1).
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseCliArgs(argv);
  } catch (error) {
    io.err(`backup-links-mock: ${(error as Error).message}\nRun "backup-links-mock --help" for usage.\n`);
    return 2;
  }
  if ("help" in parsed) {
    io.out(USAGE);
    return 0;
  }
  if ("version" in parsed) {
    io.out(`${version()}\n`);
    return 0;
  }
  if ("cloud" in parsed) return runCloud(parsed.cloud, io);

  // Listen before starting anything, so a Ctrl-C during startup also ends in a clean stop.
  let onStopSignal!: (signal: NodeJS.Signals) => void;
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => (onStopSignal = resolve));
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    signalled ??= signal;
    onStopSignal(signal);
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  for (const signal of signals) process.on(signal, onSignal);
  try {
    io.out(`Starting ${parsed.apis.length} Prism mock${parsed.apis.length === 1 ? "" : "s"}...\n`);
    let mocks: Mocks;
    try {
      mocks = await startMocks({
        apis: parsed.apis,
        port: parsed.port,
        host: parsed.host,
        ...(parsed.verbose ? { onOutput: (api: ApiId, line: string) => io.out(`[${api}] ${line}\n`) } : {}),
      });
    } catch (error) {
      if (signalled) return 0; // stopped during startup: the failure is the interruption itself
      if (error instanceof MockUsageError) {
        io.err(`backup-links-mock: ${error.message}\nRun "backup-links-mock --help" for usage.\n`);
        return 2;
      }
      io.err(`backup-links-mock: ${error instanceof PrismStartError ? error.message : String(error)}\n`);
      return 1;
    }
    if (signalled) {
      await mocks.stop();
      return 0;
    }

    io.out(formatTable(mocks.urls));
    io.out("Prism mocks are running. Press Ctrl-C to stop them.\n");

    const died = Object.entries(mocks.servers).map(([api, server]) =>
      server.exited.then((exit) => ({ api, server, exit })),
    );
    const outcome = await Promise.race([stopSignal.then((signal) => ({ signal })), Promise.race(died)]);
    if ("signal" in outcome) {
      io.out(`\nReceived ${outcome.signal}: stopping the mocks...\n`);
      await mocks.stop();
      io.out("All mocks stopped.\n");
      return 0;
    }
    io.err(
      `backup-links-mock: the ${outcome.api} mock exited unexpectedly (${outcome.exit.signal ?? `code ${outcome.exit.code}`}); stopping the others.\n${outcome.server.output()}\n`,
    );
    await mocks.stop();
    return 1;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}
