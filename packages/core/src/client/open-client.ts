import createClient, { type Client } from "openapi-fetch";
import type { ApiProfile } from "../api-profile.js";
import { inspectClient, processEnvironment } from "#runtime";
import { clientUserAgent, openTransport } from "../transport.js";
import type { CallOptions, HuaweiFamilyClientOptions } from "./options.js";
import { requireCallOptions } from "./send.js";
import { requireObject, requireProductTokens } from "../validate.js";
import { environmentCredentials, firstSet } from "../credentials.js";
import { ValidationError } from "../errors.js";
import { requirePathId } from "./ids.js";

/**
 * Who a client is: its API id, what it talks to, and its package's version. Its package is `@backup-links/<api>`
 * and `util.inspect` shows it as e.g. `OtcRdsClient` (both derived from the API id, so no bundle carries them).
 */
export interface ClientIdentity {
  /** API id, e.g. `otc-rds`. */
  api: string;
  /** What the client talks to: `OTC_RDS`, ... (regions, endpoint hosts, authentication, environment names). */
  profile: ApiProfile;
  /** The client package's version, for the User-Agent. */
  version: string;
}

/**
 * The identity of the client package for the API of `profile` (id `<provider>-<service>`, e.g. `otc-rds`),
 * published as `@backup-links/<id>` at `version`.
 */
export function clientIdentity(profile: ApiProfile, version: string): ClientIdentity {
  return { api: `${profile.provider}-${profile.service}`, profile, version };
}

/** The friendly method of a client, as built by an operation definition. */
export type FriendlyMethod = (input: unknown, options: CallOptions) => Promise<unknown>;

/** The friendly methods of a client: the download operation and the two list operations. */
export interface FriendlyMethods {
  getBackupDownloadLinks: FriendlyMethod;
  listBackups: FriendlyMethod;
  listAllBackups: (input: unknown, options: CallOptions) => AsyncIterable<unknown>;
}

/**
 * Builds a client. Opens it: validates the options, fills defaults from the environment and wires an openapi-fetch
 * client to core's transport (everything that can be wrong with the options throws here, before any request). Then
 * lets `operation` build the friendly methods over the typed client `Q` they call (a structural view of the package's
 * generated `Paths`, which extends it), the project id (Huawei family) and the region, checks the per-call options, and presents the result safely, frozen:
 * `JSON.stringify` and `util.inspect` show only the API id, endpoint, region, project id and the kind of
 * credentials. Secrets live only inside core's transport closure, never on the object nor in what `operation` gets, so nothing
 * that walks them can reach them. The returned object is typed by the caller's public interface.
 */
export function defineClient<Paths extends Q, Q extends {}, C>(
  identity: ClientIdentity,
  options: unknown,
  operation: (raw: Client<Q>, projectId: string | undefined, region: string | undefined) => FriendlyMethods,
): C {
  requireObject<HuaweiFamilyClientOptions>("options", options);
  // The settings: what the caller left out comes from the vendor's environment variables.
  const { provider, env: names } = identity.profile;
  const env = options.env ?? processEnvironment();
  const credentials = options.credentials ?? environmentCredentials(names, env);
  // With an explicit baseUrl the region is only needed where it is signed (JD), so don't pick one up silently.
  const region =
    options.region ?? (options.baseUrl === undefined || provider === "jdcloud" ? firstSet(env, names.region) : undefined);
  let projectId: string | undefined;
  if (provider !== "jdcloud") {
    const value = options.projectId ?? firstSet(env, names.projectId);
    if (value === undefined) {
      throw new ValidationError("projectId", `is required: pass projectId or set ${names.projectId.join(" or ")}`);
    }
    projectId = requirePathId("projectId", value);
  }
  const userAgent = options.userAgent === undefined ? undefined : requireProductTokens("userAgent", options.userAgent);
  // Its own profile and User-Agent parts need no checks: openTransport checks what comes from the options.
  // `backup-links-<api>` is the package name `@backup-links/<api>` as a product token (what formatUserAgent makes of it).
  const transport = openTransport(clientUserAgent(`backup-links-${identity.api}/${identity.version}`, userAgent), {
    api: identity.profile,
    region,
    baseUrl: options.baseUrl,
    credentials,
    projectId,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    fetch: options.fetch,
  });
  // No `raw.use(transport.middleware)`: the transport's fetch sets the same User-Agent on every attempt.
  const raw = createClient<Paths>(transport.clientOptions);
  // Sound: Paths extends Q, and Client<Q> only reads the operations Q names.
  const { getBackupDownloadLinks, listBackups, listAllBackups } = operation(raw as unknown as Client<Q>, projectId, transport.region);
  const methods = {
    raw,
    getBackupDownloadLinks: async (input: unknown, callOptions?: unknown) => getBackupDownloadLinks(input, requireCallOptions(callOptions)),
    listBackups: async (input: unknown, callOptions?: unknown) => listBackups(input, requireCallOptions(callOptions)),
    // Not async: bad input throws at the call, before the iterator exists.
    listAllBackups: (input: unknown, callOptions?: unknown) => listAllBackups(input, requireCallOptions(callOptions)),
  };
  const summary = {
    api: identity.api,
    baseUrl: transport.baseUrl,
    region: transport.region,
    ...(projectId === undefined ? {} : { projectId }),
    // The kind of credentials, never the credentials.
    auth: "token" in credentials ? "token" : "accessKey",
  };
  Object.defineProperty(methods, "toJSON", { value: () => ({ ...summary }) });
  inspectClient(methods, identity.api, summary);
  return Object.freeze(methods) as C;
}
