import createClient, { type Client, type Middleware } from "openapi-fetch";
import { createTransport, type Provider, type Service, type Transport } from "../index.js";
import type { CallOptions, HuaweiFamilyClientOptions } from "./options.js";
import { requireCallOptions } from "./send.js";
import { requireOptionsObject, resolveSettings, type ClientSettings } from "./settings.js";

/** Who a client is: its API id, the name it shows in `util.inspect`, where it talks to, and its package. */
export interface ClientIdentity {
  /** API id, e.g. `otc-rds`. */
  api: string;
  /** Shown by `util.inspect`, e.g. `OtcRdsClient`. */
  displayName: string;
  provider: Provider;
  service: Service;
  /** For the User-Agent: `{ name: "@backup-links/otc-rds", version: "0.1.0" }`. */
  packageName: string;
  version: string;
}

/**
 * The identity of the client package for API `api` (`<provider>-<service>`, e.g. `otc-rds`), published as
 * `@backup-links/<api>` at `version`.
 */
export function clientIdentity(api: `${Provider}-${Service}`, displayName: string, version: string): ClientIdentity {
  const [provider, service] = api.split("-") as [Provider, Service];
  return { api, displayName, provider, service, packageName: `@backup-links/${api}`, version };
}

export interface OpenedClient<Paths extends {}> {
  /** The typed openapi-fetch client, wired to core's transport (signing, timeout, retries, User-Agent). */
  raw: Client<Paths>;
  transport: Transport;
  settings: ClientSettings;
}

/**
 * Validates the options, fills defaults from the environment and wires an openapi-fetch client to core's
 * transport. Everything that can be wrong with the options throws here, before any request.
 */
export function openClient<Paths extends {}>(identity: ClientIdentity, options: unknown): OpenedClient<Paths> {
  requireOptionsObject(options);
  const settings = resolveSettings(identity.provider, options as HuaweiFamilyClientOptions);
  const transport = createTransport({
    provider: identity.provider,
    service: identity.service,
    region: settings.region,
    baseUrl: options.baseUrl,
    credentials: settings.credentials,
    projectId: settings.projectId,
    userAgent: { name: identity.packageName, version: identity.version },
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    fetch: options.fetch,
  });
  const raw = createClient<Paths>(transport.clientOptions);
  raw.use(transport.middleware);
  if (settings.userAgent !== undefined) raw.use(appendUserAgent(settings.userAgent));
  return { raw, transport, settings };
}

/** Runs after the transport's middleware, which has set our own product tokens. */
function appendUserAgent(extra: string): Middleware {
  return {
    onRequest({ request }) {
      const current = request.headers.get("User-Agent");
      request.headers.set("User-Agent", current ? `${current} ${extra}` : extra);
    },
  };
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Freezes `methods` into the client object and gives it a safe face: `JSON.stringify` and `util.inspect` show only
 * the API id, endpoint, region, project id and the kind of credentials. Secrets live only inside core's transport
 * closure, never on the object, so nothing that walks the object can reach them.
 */
export function presentClient<T extends object>(opened: OpenedClient<{}>, identity: ClientIdentity, methods: T): Readonly<T> {
  const summary = {
    api: identity.api,
    baseUrl: opened.transport.baseUrl,
    region: opened.transport.region,
    ...(opened.settings.projectId === undefined ? {} : { projectId: opened.settings.projectId }),
    auth: "token" in opened.settings.credentials ? "token" : "accessKey",
  };
  Object.defineProperties(methods, {
    toJSON: { value: () => ({ ...summary }) },
    [INSPECT]: {
      value: (_depth: number, inspectOptions: unknown, inspect?: (value: unknown, options: unknown) => string) =>
        `${identity.displayName} ${typeof inspect === "function" ? inspect(summary, inspectOptions) : JSON.stringify(summary)}`,
    },
  });
  return Object.freeze(methods);
}

/** The friendly method of a client, as built by an operation definition. */
export type FriendlyMethod = (input: unknown, options: CallOptions) => Promise<unknown>;

/**
 * Builds a client: opens it (options checked, transport wired), lets `operation` build the friendly method over the
 * typed client `Q` it calls (a structural view of the package's generated `Paths`, which extends it), checks the
 * per-call options, and presents the result safely. The returned object is typed by the caller's public interface.
 */
export function defineClient<Paths extends Q, Q extends {}, C>(
  identity: ClientIdentity,
  options: unknown,
  operation: (raw: Client<Q>, opened: OpenedClient<Paths>) => FriendlyMethod,
): C {
  const opened = openClient<Paths>(identity, options);
  // Sound: Paths extends Q, and Client<Q> only reads the operations Q names.
  const method = operation(opened.raw as unknown as Client<Q>, opened);
  return presentClient(opened, identity, {
    raw: opened.raw,
    getBackupDownloadLinks: async (input: unknown, callOptions?: unknown) => method(input, requireCallOptions(callOptions)),
  }) as C;
}
