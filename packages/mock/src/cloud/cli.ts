import { API_IDS } from "@backup-links/core";
import { startMockCloud, type MockCloud } from "./server.js";

export interface CloudArgs {
  port: number;
  host: string;
  seed: string | undefined;
  stateFile: string | undefined;
  fileSize: number;
}

/** What a user needs to point `backup-links` (or their own job) at the mock cloud. */
export function describeCloud(cloud: MockCloud): string {
  const account = cloud.accounts[0]!;
  const lines = [
    `Mock cloud listening on ${cloud.url}`,
    "",
    "API id           endpoint (--endpoint / baseUrl)                 main instance",
    ...API_IDS.map((api) => `${api.padEnd(16)} ${cloud.urls[api].padEnd(47)} ${cloud.instance(api).id}`),
    "",
    `Project id (Huawei Cloud, OTC): ${cloud.projectId}`,
    `Access key / secret key (every API; mock-only values): ${account.accessKey} / ${account.secretKey}`,
    "Other instances per API: a failed-only one and an empty one (GET /_admin/state lists everything).",
    "",
    "Change the world while it runs:",
    `  curl -X POST ${cloud.url}/_admin/backups -d '{"api":"otc-rds"}'          # tonight's backup`,
    `  curl -X POST ${cloud.url}/_admin/expire -d '{"before":"2026-12-01T00:00:00Z"}'`,
    `  curl -X POST ${cloud.url}/_admin/revoke-links                           # expire every link`,
    "",
    "Press Ctrl-C to stop.",
  ];
  return `${lines.join("\n")}\n`;
}

/** `backup-links-mock --cloud`: runs until SIGINT, SIGTERM or SIGHUP; 0 after a clean stop, 1 when it cannot start. */
export async function runCloud(args: CloudArgs, io: { out: (text: string) => void; err: (text: string) => void }): Promise<number> {
  let cloud: MockCloud;
  try {
    cloud = await startMockCloud({ port: args.port, host: args.host, seed: args.seed, stateFile: args.stateFile, fileSize: args.fileSize });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(`backup-links-mock: ${code === "EADDRINUSE" ? `port ${args.port} is in use` : (error as Error).message}\n`);
    return code === "EADDRINUSE" ? 2 : 1;
  }
  io.out(describeCloud(cloud));
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  let onSignal!: (name: NodeJS.Signals) => void;
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    onSignal = resolve;
    for (const name of signals) process.on(name, onSignal);
  });
  for (const name of signals) process.off(name, onSignal);
  io.out(`\nReceived ${signal}: stopping the mock cloud.\n`);
  await cloud.stop();
  return 0;
}
