/// <reference types="node" />
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Provider, Service } from "../api-profile.js";
import { createIamTokenSource } from "../auth/iam-token.js";
import type { Credentials, Environment, TokenSource } from "../credential-types.js";
import { ENVIRONMENT_VARIABLES, credentialsFromEnv, defaultEnvironment, firstSet } from "../credentials.js";
import { validateBaseUrl } from "../endpoints.js";
import { BackupLinksError, CredentialsError, ValidationError } from "../errors.js";
import { protectCredentials } from "../redact.js";
import { parseIni } from "./ini.js";

/** A value and where it came from: `option`, `env NAME`, or a file and the entry in it. Never the value of a secret. */
export interface Setting<T> {
  value: T;
  source: string;
}

export interface LoadConfigOptions {
  provider: Provider;
  service: Service;
  /** Explicit values (command-line options, code): they always win over the environment, which wins over files. */
  region?: string | undefined;
  endpoint?: string | undefined;
  projectId?: string | undefined;
  credentials?: Credentials | undefined;
  /** OTC: the `clouds.yaml` entry to use (default: `OS_CLOUD`). */
  cloud?: string | undefined;
  /** Default `process.env`. */
  env?: Environment | undefined;
  /** Default: `HOME` of `env`, else `os.homedir()`. */
  home?: string | undefined;
  /** Default `process.cwd()`: the first directory searched for `clouds.yaml`. */
  cwd?: string | undefined;
  /**
   * Searched for `clouds.yaml` after the current and the user's directories. Default, as openstacksdk's
   * `CONFIG_SEARCH_PATH`: the first of `XDG_CONFIG_DIRS` (default `/etc/xdg`) + `/openstack`, then `/etc/openstack`.
   */
  systemConfigDirs?: readonly string[] | undefined;
  /** For the IAM token source of a password entry (default `globalThis.fetch`, `Date.now`). */
  fetch?: ((input: Request) => Promise<Response>) | undefined;
  clock?: (() => number) | undefined;
}

export interface LoadedConfig {
  /** Protected (see protectCredentials); undefined when no convention holds any. */
  credentials: Setting<Credentials> | undefined;
  projectId: Setting<string> | undefined;
  region: Setting<string> | undefined;
  /** An endpoint configured for this service and region (or explicitly), validated. */
  endpoint: Setting<string> | undefined;
  /** The conventions that can configure an endpoint for a region outside the table (for error messages). */
  endpointConventions: readonly string[];
  /** The files and entries that can hold credentials, besides the environment (for error messages). */
  credentialConventions: readonly string[];
  /** The files and entries that can give the region, besides the environment (for error messages). */
  regionConventions: readonly string[];
}

type Entry = Record<string, unknown>;

/**
 * The settings of one API from the vendor's own conventions, each with its source: explicit options, then the
 * environment, then the vendor's files (Huawei Cloud SDK credentials and regions files, OpenStack `clouds.yaml` /
 * `secure.yaml`, the JD Cloud CLI's `~/.jdc/config`). See the README for every name and its source. A malformed
 * file throws a ValidationError naming the file and the entry, never a value. YAML needs the `yaml` package.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const env = options.env ?? defaultEnvironment();
  const home = options.home ?? (env.HOME || homedir());
  const names = ENVIRONMENT_VARIABLES[options.provider];
  if (names === undefined) throw new ValidationError("provider", `must be one of ${Object.keys(ENVIRONMENT_VARIABLES).join(", ")}`);
  const fromEnv = (list: readonly string[]): Setting<string> | undefined => {
    for (const name of list) {
      const value = firstSet(env, [name]);
      if (value !== undefined) return { value, source: `env ${name}` };
    }
    return undefined;
  };
  const explicit = (value: string | undefined): Setting<string> | undefined =>
    value === undefined ? undefined : { value, source: "option" };

  let credentials: Setting<Credentials> | undefined =
    options.credentials === undefined ? undefined : { value: options.credentials, source: "option" };
  if (credentials === undefined) {
    const used = [names.accessKey, names.secretKey, names.token].flatMap((list) => list.filter((n) => firstSet(env, [n]) !== undefined));
    if (used.length > 0) {
      const value = credentialsFromEnv(options.provider, env).credentials; // throws for a half-set pair
      const shown = "token" in value ? used.filter((n) => names.token.includes(n)) : used.filter((n) => !names.token.includes(n));
      credentials = { value, source: `env ${shown.join(" + ")}` };
    }
  }
  let projectId = explicit(options.projectId) ?? fromEnv(names.projectId);
  let region = explicit(options.region) ?? fromEnv(names.region);
  let endpoint: Setting<string> | undefined =
    options.endpoint === undefined ? undefined : { value: validateBaseUrl(options.endpoint, "endpoint"), source: "option" };
  const endpointConventions: string[] = ["--endpoint"];
  const credentialConventions: string[] = [];
  const regionConventions: string[] = [];
  const service = options.service;

  if (options.provider === "huaweicloud") {
    const variable = (id: string) => `HUAWEICLOUD_SDK_REGION_${service.toUpperCase()}_${id.toUpperCase().replace(/-/g, "_")}`;
    // Named for the region asked for, so the message says exactly what to set.
    const id = region?.value ?? "{REGION_ID}";
    endpointConventions.push(variable(id), `HUAWEICLOUD_SDK_REGIONS_FILE or ~/.huaweicloud/regions.yaml (${service.toUpperCase()}: - id: ${id}, endpoint: URL)`);
    credentialConventions.push("HUAWEICLOUD_SDK_CREDENTIALS_FILE or ~/.huaweicloud/credentials [basic]");
    if (endpoint === undefined && region !== undefined) {
      const name = variable(region.value);
      // Both SDKs split the value at commas and use the first endpoint (the others are fail-overs).
      const listed = firstSet(env, [name])?.split(",").map((url) => url.trim()).find((url) => url !== "");
      if (listed) endpoint = { value: validateBaseUrl(sdkEndpoint(listed), name), source: `env ${name}` };
    }
    if (endpoint === undefined && region !== undefined) endpoint = huaweiRegionsFile(env, home, service, region.value);
    if (credentials === undefined || projectId === undefined) {
      const fromFile = huaweiCredentialsFile(env, home);
      credentials ??= fromFile.credentials;
      projectId ??= fromFile.projectId;
    }
  } else if (options.provider === "otc") {
    endpointConventions.push(`${service}_endpoint_override in the clouds.yaml entry (OS_CLOUD or --os-cloud)`);
    credentialConventions.push("a clouds.yaml entry (OS_CLOUD or --os-cloud)");
    regionConventions.push("region_name in the clouds.yaml entry (OS_CLOUD or --os-cloud)");
    if (credentials === undefined && firstSet(env, ["OS_PASSWORD"]) !== undefined) {
      // openstacksdk: every clouds.yaml key is also `OS_` + the key in upper case; the Terraform provider's domain order.
      const fromOs = (key: string) =>
        key === "password"
          ? env.OS_PASSWORD || undefined
          : firstSet(env, key === "user_domain_name" ? OS_USER_DOMAIN_NAMES : [`OS_${key.toUpperCase()}`, ...(key === "project_id" ? ["OS_TENANT_ID"] : key === "project_name" ? ["OS_TENANT_NAME"] : [])]);
      credentials = passwordLogin(fromOs, (key) => `OS_${key.toUpperCase()}`, "env OS_PASSWORD", options);
    }
    const cloud = options.cloud ?? firstSet(env, ["OS_CLOUD"]);
    if (cloud !== undefined) {
      const entry = cloudsEntry(env, cloudsSearchPath(env, home, options), cloud);
      const auth = openstackAuth(entry.value, entry.at);
      const text = (object: Entry, key: string, at: string): string | undefined => stringAt(object[key], `${at}.${key}`);
      const authText = (key: string) => (key === "password" ? secretAt : stringAt)(auth.values[key], auth.where(key));
      if (credentials === undefined) credentials = otcCredentials(entry.at, authText, auth.where, options);
      projectId ??= withSource(authText("project_id"), auth.where("project_id"));
      region ??= withSource(text(entry.value, "region_name", entry.at), `${entry.at}.region_name`);
      const override = `${service}_endpoint_override`;
      const url = text(entry.value, override, entry.at);
      if (endpoint === undefined && url !== undefined) endpoint = { value: validateBaseUrl(url, `${entry.at}.${override}`), source: `${entry.at}.${override}` };
    }
  } else {
    endpointConventions.push("endpoint (and scheme) in the ~/.jdc/config profile");
    credentialConventions.push("~/.jdc/config (the profile named in ~/.jdc/current)");
    regionConventions.push("region_id in the ~/.jdc/config profile");
    const profile = jdProfile(home);
    if (profile !== undefined) {
      const key = (k: string) => withSource(profile.values.get(k) || undefined, `${profile.at} ${k}`);
      if (credentials === undefined) {
        const accessKey = key("access_key");
        const secretKey = key("secret_key");
        if ((accessKey === undefined) !== (secretKey === undefined)) {
          throw new ValidationError(`${profile.at}`, "needs both access_key and secret_key");
        }
        if (accessKey !== undefined && secretKey !== undefined) {
          credentials = { value: protectCredentials({ accessKey: accessKey.value, secretKey: secretKey.value }), source: profile.at };
        }
      }
      region ??= key("region_id");
      const host = profile.values.get("endpoint");
      // `www.jdcloud-api.com` is the JD CLI's default gateway (`jdc configure add`), not a service endpoint: ignored.
      if (endpoint === undefined && host && host !== "www.jdcloud-api.com") {
        const url = `${profile.values.get("scheme") || "https"}://${host}`;
        endpoint = { value: validateBaseUrl(url, `${profile.at} endpoint`), source: `${profile.at} endpoint` };
      }
    }
  }
  return { credentials, projectId, region, endpoint, endpointConventions, credentialConventions, regionConventions };
}

/** The settings' sources as a printable list (`credentials  env OS_ACCESS_KEY + OS_SECRET_KEY`), never a value of a secret. */
export function describeSources(config: LoadedConfig): Record<"credentials" | "projectId" | "region" | "endpoint", string> {
  const of = (setting: Setting<unknown> | undefined) => setting?.source ?? "not set";
  return { credentials: of(config.credentials), projectId: of(config.projectId), region: of(config.region), endpoint: of(config.endpoint) };
}

function withSource(value: string | undefined, source: string): Setting<string> | undefined {
  return value === undefined ? undefined : { value, source };
}

function objectAt(value: unknown, at: string): Entry {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ValidationError(at, "must be a mapping");
  return value as Entry;
}

/** A string (numbers too: YAML reads `password: 1234` as one); absent or empty -> undefined. Never echoes the value. */
function stringAt(value: unknown, at: string): string | undefined {
  return secretAt(value, at)?.trim() || undefined;
}

/** A secret (a password) as written: a quoted value's leading or trailing spaces are part of it. */
function secretAt(value: unknown, at: string): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") throw new ValidationError(at, "must be a string");
  return value;
}

/** Configuration files are small: a larger file (or a device, a directory) is refused before it is read. */
const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/** A configuration file's text; a file that cannot be read or is over 1 MiB is a ValidationError naming it. */
function readConfigFile(file: string): string {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new ValidationError(file, "must be a regular file");
    if (stat.size > MAX_CONFIG_FILE_BYTES) throw new ValidationError(file, "is larger than 1 MiB, too large for a configuration file");
    return readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new ValidationError(file, `cannot be read${typeof code === "string" ? ` (${code})` : ""}`);
  }
}

/**
 * The Huawei Cloud SDKs' rule for a configured endpoint (go-v3 `HcHttpClientBuilder.Build`, python-v3 `Client`): a
 * host without a scheme gets `https://`. Another scheme (`ftp://`) is left to be refused.
 */
function sdkEndpoint(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
}

function parseYamlOrJson(file: string): unknown {
  const text = readConfigFile(file);
  if (file.endsWith(".json")) {
    try {
      return JSON.parse(text);
    } catch {
      throw new ValidationError(file, "is not valid JSON");
    }
  }
  let yaml: { parse(text: string, options: { logLevel: "error" }): unknown };
  try {
    yaml = createRequire(import.meta.url)("yaml") as typeof yaml;
  } catch {
    throw new BackupLinksError(`reading ${file} needs the "yaml" package: npm install yaml`);
  }
  try {
    // logLevel "error": the parser's warnings (an unknown tag...) quote the line, which may hold a secret, and would
    // go to stderr through process.emitWarning. Errors are still thrown, and reported below by line number only.
    return yaml.parse(text, { logLevel: "error" });
  } catch (error) {
    // The parser's message quotes the offending line, which may hold a secret: only its position is kept.
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ValidationError(line === undefined ? file : `${file}:${line}`, "is not valid YAML");
  }
}

/**
 * A Huawei Cloud SDK file: the one the variable names (which must exist), else the default place when it exists,
 * else undefined.
 */
function huaweiSdkFile(env: Environment, variable: string, fallback: string): string | undefined {
  const named = firstSet(env, [variable]);
  const file = named ?? fallback;
  if (existsSync(file)) return file;
  if (named !== undefined) throw new ValidationError(variable, `names ${file}, which does not exist`);
  return undefined;
}

/** Huawei Cloud SDK regions file: `{SERVICE}: [{ id, endpoint | endpoints }]`, service names in any case. */
function huaweiRegionsFile(env: Environment, home: string, service: Service, region: string): Setting<string> | undefined {
  const file = huaweiSdkFile(env, "HUAWEICLOUD_SDK_REGIONS_FILE", join(home, ".huaweicloud", "regions.yaml"));
  if (file === undefined) return undefined;
  const document = parseYamlOrJson(file);
  if (document === null || document === undefined) return undefined;
  const services = objectAt(document, file);
  const key = Object.keys(services).find((name) => name.toUpperCase() === service.toUpperCase());
  if (key === undefined) return undefined;
  const list = services[key];
  if (list === null) return undefined;
  if (!Array.isArray(list)) throw new ValidationError(`${file}: ${key}`, "must be a list of { id, endpoint }");
  // As both SDKs (huaweicloud-sdk-go-v3 core/region/profile_region.go, python-v3 region/cache.py): an entry without
  // an id or without any endpoint is skipped, and of two entries with the same id the later wins. The first
  // endpoint is used: `endpoint`, else the first of `endpoints` (the Go SDK's order).
  let found: Setting<string> | undefined;
  for (const [index, item] of list.entries()) {
    const at = `${file}: ${key}[${index}]`;
    const entry = objectAt(item, at);
    if (stringAt(entry.id, `${at}.id`) !== region) continue;
    const endpoints = entry.endpoints === undefined || entry.endpoints === null ? [] : entry.endpoints;
    if (!Array.isArray(endpoints)) throw new ValidationError(`${at}.endpoints`, "must be a list of URLs");
    const candidates: [string | undefined, string][] = [
      [stringAt(entry.endpoint, `${at}.endpoint`), `${at}.endpoint`],
      ...endpoints.map((url, i): [string | undefined, string] => [stringAt(url, `${at}.endpoints[${i}]`), `${at}.endpoints[${i}]`]),
    ];
    const first = candidates.find(([url]) => url !== undefined);
    if (first === undefined) continue;
    found = { value: validateBaseUrl(sdkEndpoint(first[0]!), first[1]), source: at };
  }
  return found;
}

/** Huawei Cloud SDK credentials file (INI), section `[basic]`: `ak`, `sk`, `security_token`, `project_id`. */
function huaweiCredentialsFile(env: Environment, home: string): { credentials?: Setting<Credentials>; projectId?: Setting<string> } {
  const file = huaweiSdkFile(env, "HUAWEICLOUD_SDK_CREDENTIALS_FILE", join(home, ".huaweicloud", "credentials"));
  if (file === undefined) return {};
  const basic = parseIni(readConfigFile(file), file).get("basic");
  if (basic === undefined) return {};
  const at = `${file} [basic]`;
  const get = (key: string) => basic.get(key) || undefined;
  const [ak, sk, securityToken, projectId] = [get("ak"), get("sk"), get("security_token"), get("project_id")];
  if ((ak === undefined) !== (sk === undefined)) throw new ValidationError(at, "needs both ak and sk");
  const credentials =
    ak === undefined || sk === undefined
      ? undefined
      : { value: protectCredentials(securityToken === undefined ? { accessKey: ak, secretKey: sk } : { accessKey: ak, secretKey: sk, securityToken }), source: at };
  return { ...(credentials === undefined ? {} : { credentials }), ...(projectId === undefined ? {} : { projectId: { value: projectId, source: `${at} project_id` } }) };
}

/** The first of `names` found in `dirs` (after `override`, when set). */
function findFile(override: string | undefined, dirs: readonly string[], base: string): string | undefined {
  const candidates = [...(override === undefined ? [] : [override]), ...dirs.flatMap((dir) => [".yaml", ".yml", ".json"].map((s) => join(dir, base + s)))];
  return candidates.map((file) => resolve(file)).find((file) => existsSync(file));
}

/** One `clouds.yaml` entry, with the same entry of `secure.yaml` merged over it (openstacksdk's rules). */
function cloudsEntry(env: Environment, dirs: readonly string[], cloud: string): { value: Entry; at: string } {
  const cloudsFile = findFile(firstSet(env, ["OS_CLIENT_CONFIG_FILE"]), dirs, "clouds");
  const secureFile = findFile(firstSet(env, ["OS_CLIENT_SECURE_FILE"]), dirs, "secure");
  const entryOf = (file: string | undefined): Entry | undefined => {
    if (file === undefined) return undefined;
    const document = parseYamlOrJson(file);
    if (document === null || document === undefined) return undefined;
    const clouds = objectAt(document, file).clouds;
    if (clouds === undefined) return undefined;
    const all = objectAt(clouds, `${file}: clouds`);
    // Own entries only: OS_CLOUD=constructor or __proto__ names no cloud.
    const entry = Object.hasOwn(all, cloud) ? all[cloud] : undefined;
    return entry === undefined ? undefined : objectAt(entry, `${file}: clouds.${cloud}`);
  };
  const base = entryOf(cloudsFile);
  const secure = entryOf(secureFile);
  if (base === undefined && secure === undefined) {
    const searched = cloudsFile ?? `clouds.yaml in ${dirs.join(", ")}`;
    throw new ValidationError("OS_CLOUD", `names cloud "${cloud}", which is not in ${searched}`);
  }
  const at = `${cloudsFile ?? secureFile}: clouds.${cloud}`;
  return { value: mergeEntries(base ?? {}, secure ?? {}), at };
}

/**
 * openstacksdk's clouds.yaml search path (config/loader.py `CONFIG_SEARCH_PATH`): the current directory, the user's
 * config directory (`$XDG_CONFIG_HOME/openstack`, then `~/.config/openstack`), the site's (`/etc/xdg/openstack`), then
 * `/etc/openstack`.
 */
function cloudsSearchPath(env: Environment, home: string, options: LoadConfigOptions): string[] {
  const xdgHome = env.XDG_CONFIG_HOME?.trim();
  const xdgSite = env.XDG_CONFIG_DIRS?.split(":").find((dir) => dir.trim() !== "")?.trim() || "/etc/xdg";
  const dirs = [
    options.cwd ?? process.cwd(),
    ...(xdgHome?.startsWith("/") ? [join(xdgHome, "openstack")] : []),
    join(home, ".config", "openstack"),
    ...(options.systemConfigDirs ?? [join(xdgSite, "openstack"), "/etc/openstack"]),
  ];
  return [...new Set(dirs.map((dir) => resolve(dir)))];
}

/**
 * The `auth` keys of a clouds.yaml entry as openstacksdk reads them (config/loader.py `_fix_args`,
 * `_fix_backwards_project`): `-` in a key is `_`; `tenant_id` / `tenant_name` are `project_id` / `project_name`,
 * `auth_token` is `token`; the domain and project keys may also stand next to `auth:` (the one in `auth:` wins), and
 * so may `ak`, `sk`, `security_token` (python-otcextensions' documented layout).
 * `where(key)` names the place of a key in errors and sources, never its value.
 */
function openstackAuth(entry: Entry, at: string): { values: Entry; where: (key: string) => string } {
  const auth = entry.auth === undefined || entry.auth === null ? {} : objectAt(entry.auth, `${at}.auth`);
  const values: Entry = {};
  const places = new Map<string, string>();
  const put = (key: string, value: unknown, place: string) => {
    if (value === undefined) return;
    values[key] = value;
    places.set(key, place);
  };
  for (const [key, value] of Object.entries(auth)) put(key.replace(/-/g, "_"), value, `${at}.auth.${key}`);
  const aliases: Record<string, readonly string[]> = {
    domain_id: ["domain_id"],
    domain_name: ["domain_name"],
    user_domain_id: ["user_domain_id"],
    user_domain_name: ["user_domain_name"],
    project_domain_id: ["project_domain_id"],
    project_domain_name: ["project_domain_name"],
    token: ["auth_token", "token"],
    project_id: ["tenant_id", "project_id"],
    project_name: ["tenant_name", "project_name"],
    // python-otcextensions' documented clouds.yaml puts `ak` / `sk` next to `auth:`; gophertelekomcloud inside it.
    ak: ["ak"],
    sk: ["sk"],
    security_token: ["security_token"],
  };
  for (const [target, names] of Object.entries(aliases)) {
    // Later names win, and within a name `auth:` wins over the entry (openstacksdk's loop order).
    let chosen: [unknown, string] | undefined;
    for (const name of names) {
      for (const spelled of [name, name.replace(/_/g, "-")]) {
        if (entry[spelled] !== undefined) chosen = [entry[spelled], `${at}.${spelled}`];
        if (auth[spelled] !== undefined) chosen = [auth[spelled], `${at}.auth.${spelled}`];
      }
    }
    delete values[target];
    places.delete(target);
    if (chosen !== undefined) put(target, chosen[0], chosen[1]);
  }
  return { values, where: (key) => places.get(key) ?? `${at}.auth.${key}` };
}

function mergeEntries(base: Entry, over: Entry): Entry {
  const out: Entry = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === "__proto__") continue;
    const inner = Object.hasOwn(out, key) ? out[key] : undefined;
    const bothObjects = [inner, value].every((v) => typeof v === "object" && v !== null && !Array.isArray(v));
    out[key] = bothObjects ? mergeEntries(inner as Entry, value as Entry) : value;
  }
  return out;
}

/** AK/SK (`ak`, `sk`, `security_token`), a `token`, or a user name and password (an IAM token source). */
function otcCredentials(
  at: string,
  auth: (key: string) => string | undefined,
  where: (key: string) => string,
  options: LoadConfigOptions,
): Setting<Credentials> | undefined {
  const [ak, sk, securityToken, token, password] = ["ak", "sk", "security_token", "token", "password"].map(auth);
  if ((ak === undefined) !== (sk === undefined)) throw new ValidationError(`${at}.auth`, "needs both ak and sk");
  if (ak !== undefined && sk !== undefined) {
    const value = securityToken === undefined ? { accessKey: ak, secretKey: sk } : { accessKey: ak, secretKey: sk, securityToken };
    const places = [where("ak"), where("sk")].map((place) => place.slice(0, place.lastIndexOf(".")));
    const source = places[0] === places[1] ? `${places[0]} (ak, sk)` : `${where("ak")}, ${where("sk")}`;
    return { value: protectCredentials(value), source };
  }
  if (token !== undefined) return { value: protectCredentials({ token }), source: where("token") };
  if (password === undefined) return undefined;
  return passwordLogin(auth, where, `${at}.auth`, options);
}

/** Token sources by the fetch and clock they use, then by a hash of the login. */
const TOKEN_SOURCES = new WeakMap<object, WeakMap<object, Map<string, TokenSource>>>();
const DEFAULT_KEY = {};

/** `OS_USER_DOMAIN_NAME`, then `OS_PROJECT_DOMAIN_NAME`, then `OS_DOMAIN_NAME` (terraform-provider-opentelekomcloud `domain_name`). */
const OS_USER_DOMAIN_NAMES = ["OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME", "OS_DOMAIN_NAME"];

/**
 * A user name (or id) and password, by clouds.yaml `auth` keys (`auth_url`, `username`, `user_id`, `password`,
 * `user_domain_name` / `domain_name`, `user_domain_id` / `domain_id`, `project_id`, `project_name`,
 * `project_domain_name`): an IAM token source. `where(key)` names a key in errors (`clouds.x.auth.auth_url`, `OS_AUTH_URL`).
 */
function passwordLogin(
  auth: (key: string) => string | undefined,
  where: (key: string) => string,
  source: string,
  options: LoadConfigOptions,
): Setting<Credentials> {
  const authUrl = auth("auth_url");
  if (authUrl === undefined) throw new ValidationError(where("auth_url"), "is required with a password");
  const username = auth("username");
  const userId = auth("user_id");
  if (username === undefined && userId === undefined) throw new ValidationError(where("username"), `is required with a password (or ${where("user_id")})`);
  // openstacksdk (config/loader.py `_handle_domain_id`): `domain_name` / `domain_id` stand for the user's and, with a
  // project scope, the project's domain when those are not given. Without a project they name the user's domain
  // here (openstacksdk would scope the token to that domain, which these APIs cannot use).
  const userDomainName = auth("user_domain_name") ?? auth("domain_name");
  const userDomainId = auth("user_domain_id") ?? auth("domain_id");
  if (userId === undefined && userDomainName === undefined && userDomainId === undefined) {
    throw new ValidationError(where("user_domain_name"), `is required with a user name (or ${where("domain_name")}, ${where("user_domain_id")})`);
  }
  const login = {
    authUrl: validateBaseUrl(authUrl, where("auth_url")),
    username,
    userId,
    password: auth("password")!,
    userDomainName,
    userDomainId,
    projectId: auth("project_id"),
    projectName: auth("project_name"),
    projectDomainName: auth("project_domain_name") ?? auth("domain_name"),
    projectDomainId: auth("project_domain_id") ?? auth("domain_id"),
  };
  // One token source per login and process: every request of a run (a list, then links, then fresh links hours
  // later) shares its cached token. Keyed by a hash, so no map holds the password in the clear.
  const key = createHash("sha256").update(JSON.stringify(login)).digest("hex");
  // A different fetch or clock (a test's fake IAM) is a different source.
  const byFetch = TOKEN_SOURCES.get(options.fetch ?? DEFAULT_KEY) ?? new WeakMap<object, Map<string, TokenSource>>();
  TOKEN_SOURCES.set(options.fetch ?? DEFAULT_KEY, byFetch);
  const byClock = byFetch.get(options.clock ?? DEFAULT_KEY) ?? new Map<string, TokenSource>();
  byFetch.set(options.clock ?? DEFAULT_KEY, byClock);
  let tokens = byClock.get(key);
  if (tokens === undefined) {
    tokens = createIamTokenSource({ ...login, fetch: options.fetch, clock: options.clock });
    byClock.set(key, tokens);
  }
  return { value: protectCredentials({ token: tokens }), source: `${source} (password: IAM token from ${authUrl})` };
}

/** The JD Cloud CLI's `~/.jdc/config` (INI), the section named in `~/.jdc/current` (default `default`). */
function jdProfile(home: string): { values: Map<string, string>; at: string } | undefined {
  const file = join(home, ".jdc", "config");
  if (!existsSync(file)) return undefined;
  const currentFile = join(home, ".jdc", "current");
  const name = (existsSync(currentFile) ? readConfigFile(currentFile).trim() : "") || "default";
  const values = parseIni(readConfigFile(file), file).get(name);
  return values === undefined ? undefined : { values, at: `${file} [${name}]` };
}

/** The error for missing credentials: the environment variables to set, or the files that can hold them. */
export function missingCredentialsError(provider: Provider, config: LoadedConfig, env: Environment): CredentialsError {
  try {
    credentialsFromEnv(provider, env);
  } catch (error) {
    if (error instanceof CredentialsError) {
      const files = config.credentialConventions.length > 0 ? `; or in ${config.credentialConventions.join(", or ")}` : "";
      return new CredentialsError(`${error.rule}${files}`, error.variables);
    }
    throw error;
  }
  return new CredentialsError("not found");
}
