import { API_IDS, listRegions, resolveEndpoint, type Credentials } from "@backup-links/core";
import { loadConfig, type Setting } from "@backup-links/core/node";
import { APIS } from "../../links/apis.js";
import type { ConfigArgs } from "../args.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";

/** One setting as shown: a value that is never a secret, and where it came from. */
interface Shown {
  value: string | null;
  source: string;
}

interface ConfigListing {
  api: string;
  credentials: Shown;
  projectId: Shown;
  region: Shown;
  endpoint: Shown;
}

/** What kind of credentials, never their secrets (the access key id is not one, but is not needed here either). */
function kindOf(credentials: Credentials): string {
  if (!("token" in credentials)) return credentials.securityToken === undefined ? "access key + secret key" : "temporary access key + secret key + security token";
  return typeof credentials.token === "function" ? "IAM token from a user name and password" : "IAM token";
}

const shown = (setting: Setting<string> | undefined): Shown =>
  setting === undefined ? { value: null, source: "not set" } : { value: setting.value, source: setting.source };

/** The settings of one API as `links` would use them, each with its source, by the vendors' conventions. */
export function describeConfig(api: (typeof API_IDS)[number], args: ConfigArgs, context: CliContext): ConfigListing {
  const description = APIS[api];
  const config = loadConfig({
    provider: description.provider,
    service: description.service,
    region: args.region,
    endpoint: args.endpoint,
    projectId: description.projectId ? args.projectId : undefined,
    cloud: description.provider === "otc" ? args.osCloud : undefined,
    env: context.env,
  });
  let endpoint = shown(config.endpoint);
  const region = config.region?.value;
  if (config.endpoint === undefined && region !== undefined) {
    endpoint = listRegions(description.provider, description.service).includes(region)
      ? { value: resolveEndpoint({ provider: description.provider, service: description.service, region }).baseUrl, source: "the region table" }
      : { value: null, source: `not set: region ${region} is not in the table; configure ${config.endpointConventions.join(", or ")}` };
  }
  return {
    api,
    credentials: config.credentials === undefined ? { value: null, source: "not set" } : { value: kindOf(config.credentials.value), source: config.credentials.source },
    projectId: description.projectId ? shown(config.projectId) : { value: null, source: "not used" },
    region: shown(config.region),
    endpoint,
  };
}

/** `backup-links config [<api>] [--json]`: where each setting comes from, per API; never a secret. */
export function runConfig(args: ConfigArgs, context: CliContext): number {
  const apis = args.api === undefined ? API_IDS : [args.api];
  const listings = apis.map((api) => describeConfig(api, args, context));
  if (args.json) {
    context.stdout.write(`${JSON.stringify(args.api === undefined ? listings : listings[0], null, 2)}\n`);
    return EXIT.OK;
  }
  const line = (name: string, setting: Shown) =>
    `  ${name.padEnd(13)}${setting.value === null ? setting.source : `${setting.value}  (${setting.source})`}`;
  const blocks = listings.map((listing) =>
    [
      listing.api,
      line("credentials", listing.credentials),
      line("project id", listing.projectId),
      line("region", listing.region),
      line("endpoint", listing.endpoint),
    ].join("\n"),
  );
  context.stdout.write(`${blocks.join("\n\n")}\n`);
  return EXIT.OK;
}
