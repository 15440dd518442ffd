import { API_IDS, ENVIRONMENT_VARIABLES } from "@backup-links/core";
import { APIS, regionsOf, type ApiDescription } from "../../links/apis.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { wrapList } from "../table.js";

interface ApiListing {
  id: string;
  title: string;
  operation: string;
  listOperation: string;
  regions: readonly string[];
  required: string[];
  optional: string[];
  credentials: string[];
  note: string | undefined;
}

/** What each API needs, as flags, with the environment variables that can stand in for them. */
export function describeApi(api: ApiDescription): ApiListing {
  const env = ENVIRONMENT_VARIABLES[api.provider];
  const orEnv = (names: readonly string[]): string => (names.length > 0 ? ` (or ${names[0]})` : "");
  const required = ["--backup-id"];
  const optional: string[] = [];
  if (api.instanceId) required.push("--instance-id");
  if (api.projectId) required.push(`--project-id${orEnv(env.projectId)}`);
  required.push(
    api.regionInRequest ? `--region${orEnv(env.region)}` : `--region${orEnv(env.region)} or --endpoint`,
  );
  if (api.expiration !== undefined) {
    const { min, max, default: fallback } = api.expiration;
    optional.push(`--expiration ${min}-${max}${fallback === undefined ? "" : ` (default ${fallback})`}`);
  }
  if (api.fileName) optional.push("--file-name");
  if (api.regionInRequest) optional.push("--endpoint");
  const keys = `${env.accessKey[0]} + ${env.secretKey[0]}`;
  const credentials = env.token.length > 0 ? [keys, env.token[0]!] : [keys];
  return {
    id: api.id,
    title: api.title,
    operation: api.operation,
    listOperation: api.listOperation,
    regions: regionsOf(api.id),
    required,
    optional,
    credentials,
    note: api.note,
  };
}

/** `backup-links apis`: every API with its regions and what it needs. */
export function runApis(json: boolean, context: CliContext): number {
  const listings = API_IDS.map((id) => describeApi(APIS[id]));
  if (json) {
    context.stdout.write(`${JSON.stringify(listings, null, 2)}\n`);
    return EXIT.OK;
  }
  const indent = " ".repeat(17);
  const blocks = listings.map((api) => {
    const lines: string[] = [
      `${api.id.padEnd(17)}${api.title}`,
      `  request        ${api.operation}`,
      `  list           ${api.listOperation} (backups, --latest)`,
      `  needs          ${wrapList(api.required, 88, indent)}`,
    ];
    if (api.optional.length > 0) lines.push(`  optional       ${wrapList(api.optional, 88, indent)}`);
    lines.push(`  credentials    ${api.credentials.join(", or ")}`);
    lines.push(`  regions        ${wrapList(api.regions, 88, indent)}`);
    if (api.note !== undefined) lines.push(`  note           ${api.note}`);
    return lines.join("\n");
  });
  context.stdout.write(`${blocks.join("\n\n")}\n`);
  return EXIT.OK;
}
