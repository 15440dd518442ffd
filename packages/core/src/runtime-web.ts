/**
 * The browser build of runtime.ts (swapped in by the package's `imports` "browser" condition). Browsers have no
 * `util.inspect`, their fetch puts no low-level code in a network error, and they have no environment variables.
 */
import type { Environment } from "./credential-types.js";

export function inspectClient(_target: object, _api: string, _view: object): void {}

export function networkFailureCode(_error: unknown): string {
  return "";
}

export function processEnvironment(): Environment {
  return {};
}
