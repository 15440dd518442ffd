import type { AuthScheme } from "./auth/authenticator.js";
import type { EnvironmentVariableNames } from "./credential-types.js";
import type { Provider, Service } from "./provider.js";

export type { Provider, Service } from "./provider.js";

/**
 * What core knows about one API (one provider's service): its regions and endpoint hosts, the provider's
 * environment variable names and its request authentication. A client passes its own profile (`OTC_RDS`, ...) to
 * `createTransport`, so that a bundler keeps only that provider's signer and that service's region table.
 */
export interface ApiProfile {
  readonly provider: Provider;
  readonly service: Service;
  /** The region ids with a known endpoint, sorted. */
  readonly regions: readonly string[];
  /** The endpoint host of one of `regions`, e.g. `rds.eu-de.otc.t-systems.com`. */
  readonly host: (region: string) => string;
  /** The provider's environment variable names (one entry of `ENVIRONMENT_VARIABLES`). */
  readonly env: EnvironmentVariableNames;
  /** The provider's request authentication: SDK-HMAC-SHA256 or an IAM token; JDCLOUD2-HMAC-SHA256. */
  readonly auth: AuthScheme;
}

/**
 * The concatenation of region lists (which do not overlap), sorted and frozen. Call it as `/* @__PURE__ *\/ regionList(...)` in a module-level
 * constant, so that a bundler drops the list of a profile nobody imports.
 */
export function regionList(...lists: ReadonlyArray<readonly string[]>): readonly string[] {
  return Object.freeze(lists.flat().sort());
}
