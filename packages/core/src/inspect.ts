/**
 * How an object shows in `util.inspect` (Node's, and Deno's and Bun's, which honour the same symbol). Browsers have
 * no `util.inspect`: their bundlers take inspect-web.ts instead (the package's `imports` "browser" condition), so
 * client bundles leave this out.
 */
import { INSPECT } from "./redact.js";

/** Makes `util.inspect(target)` show `label` followed by `view` (inspected with the caller's options; JSON elsewhere). */
export function inspectAs(target: object, label: string, view: object): void {
  Object.defineProperty(target, INSPECT, {
    value: (_depth: number, inspectOptions: unknown, inspect?: (value: unknown, options: unknown) => string) =>
      `${label} ${typeof inspect === "function" ? inspect(view, inspectOptions) : JSON.stringify(view)}`,
  });
}
