/**
 * What only server runtimes (Node, and Deno and Bun, which follow it here) have a use for. Browser bundlers take
 * runtime-web.ts instead (the package's `imports` "browser" condition), so client bundles leave this out.
 */
import type { Environment } from "./credential-types.js";
import { INSPECT } from "./redact.js";

/** The class-like name `util.inspect` shows for the client of an API id: `otc-rds` -> `OtcRdsClient`. */
const PROVIDER_NAMES: Record<string, string> = { huaweicloud: "HuaweiCloud", otc: "Otc", jdcloud: "JdCloud" };
export function clientDisplayName(api: string): string {
  const [provider = "", service = ""] = api.split("-");
  return `${PROVIDER_NAMES[provider] ?? provider}${service.charAt(0).toUpperCase()}${service.slice(1)}Client`;
}

/**
 * Makes `util.inspect(target)` show the client name of `api` (`OtcRdsClient`) followed by `view` (inspected with
 * the caller's options; JSON elsewhere).
 */
export function inspectClient(target: object, api: string, view: object): void {
  const label = clientDisplayName(api);
  Object.defineProperty(target, INSPECT, {
    value: (_depth: number, inspectOptions: unknown, inspect?: (value: unknown, options: unknown) => string) =>
      `${label} ${typeof inspect === "function" ? inspect(view, inspectOptions) : JSON.stringify(view)}`,
  });
}

/** The low-level code Node's fetch (undici) puts in a network error's `cause`, as ` (ECONNREFUSED)`; else "". */
export function networkFailureCode(error: unknown): string {
  const code = ((error as Error | undefined)?.cause as { code?: unknown } | null | undefined)?.code;
  return error instanceof Error && typeof code === "string" ? ` (${code})` : "";
}

/** `globalThis.process?.env`, or an empty environment where there is none. */
export function processEnvironment(): Environment {
  return (globalThis as { process?: { env?: Environment } }).process?.env ?? {};
}
