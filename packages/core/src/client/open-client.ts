import createClient, { type Client } from "openapi-fetch";
import type { ApiProfile } from "../api-profile.js";
import { inspectClient } from "#runtime";
import { clientUserAgent, openTransport, type Transport } from "../transport.js";
import type { CallOptions, HuaweiFamilyClientOptions } from "./options.js";
import { requireCallOptions } from "./send.js";
import { requireObject } from "../validate.js";
import { resolveSettings } from "./settings.js";

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

export interface OpenedClient<Paths extends {}> {
  /** The typed openapi-fetch client, wired to core's transport (signing, timeout, retries, User-Agent). */
  raw: Client<Paths>;
  transport: Transport;
  /** Huawei Cloud / OTC: the project id every path starts with. */
  projectId: string | undefined;
  /** The kind of credentials; the credentials themselves live only in the transport's closure. */
  auth: "token" | "accessKey";
}

/**
 * Validates the options, fills defaults from the environment and wires an openapi-fetch client to core's
 * transport. Everything that can be wrong with the options throws here, before any request.
 */
export function openClient<Paths extends {}>(identity: ClientIdentity, input: unknown): OpenedClient<Paths> {
  requireObject("options", input);
  const options = input as HuaweiFamilyClientOptions;
  const { credentials, region, projectId, userAgent } = resolveSettings(identity.profile, options);
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
  const raw = createClient<Paths>(transport.clientOptions);
  // No `raw.use(transport.middleware)`: the transport's fetch sets the same User-Agent on every attempt.
  return { raw, transport, projectId, auth: "token" in credentials ? "token" : "accessKey" };
}

/**
 * Freezes `methods` into the client object and gives it a safe face: `JSON.stringify` and `util.inspect` show only
 * the API id, endpoint, region, project id and the kind of credentials. Secrets live only inside core's transport
 * closure, never on the object nor in `opened`, so nothing that walks them can reach them.
 */
export function presentClient<T extends object>(opened: OpenedClient<{}>, identity: ClientIdentity, methods: T): Readonly<T> {
  const summary = {
    api: identity.api,
    baseUrl: opened.transport.baseUrl,
    region: opened.transport.region,
    ...(opened.projectId === undefined ? {} : { projectId: opened.projectId }),
    auth: opened.auth,
  };
  Object.defineProperty(methods, "toJSON", { value: () => ({ ...summary }) });
  inspectClient(methods, identity.api, summary);
  return Object.freeze(methods);
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
 * Builds a client: opens it (options checked, transport wired), lets `operation` build the friendly methods over the
 * typed client `Q` they call (a structural view of the package's generated `Paths`, which extends it), checks the
 * per-call options, and presents the result safely. The returned object is typed by the caller's public interface.
 */
export function defineClient<Paths extends Q, Q extends {}, C>(
  identity: ClientIdentity,
  options: unknown,
  operation: (raw: Client<Q>, opened: OpenedClient<Paths>) => FriendlyMethods,
): C {
  const opened = openClient<Paths>(identity, options);
  // Sound: Paths extends Q, and Client<Q> only reads the operations Q names.
  const { getBackupDownloadLinks, listBackups, listAllBackups } = operation(opened.raw as unknown as Client<Q>, opened);
  return presentClient(opened, identity, {
    raw: opened.raw,
    getBackupDownloadLinks: async (input: unknown, callOptions?: unknown) => getBackupDownloadLinks(input, requireCallOptions(callOptions)),
    listBackups: async (input: unknown, callOptions?: unknown) => listBackups(input, requireCallOptions(callOptions)),
    // Not async: bad input throws at the call, before the iterator exists.
    listAllBackups: (input: unknown, callOptions?: unknown) => listAllBackups(input, requireCallOptions(callOptions)),
  }) as C;
}
