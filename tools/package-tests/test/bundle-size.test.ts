// Bundle size is deterministic for fixed inputs, so the budget is a fair test (the numbers: `pnpm size`).
import { describe, expect, it } from "vitest";
import { BUDGET_BYTES, measureBundle } from "../scripts/bundle-size.ts";
import { CLIENT_PACKAGES } from "../src/published.ts";

describe.each(CLIENT_PACKAGES.map((p) => [p.name, p.factory!] as const))("%s browser bundle", (name, factory) => {
  it(`is under ${BUDGET_BYTES} bytes minified and gzipped, with no Node built-in`, async () => {
    const size = await measureBundle(name, factory);
    expect(size.gzippedBytes).toBeLessThan(BUDGET_BYTES);
    expect(size.minifiedBytes).toBeGreaterThan(1000); // the factory, core and openapi-fetch are really in it
  });
});
