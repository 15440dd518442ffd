/**
 * Success bodies with every optional field left out, through the real client with an injected `fetch`. The specs
 * require a response field only where a vendor source guarantees it (see each schema's `x-required-sources`), so a
 * client must give a well-formed result for the smallest body its spec allows, and for each field missing alone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SUITE_NOW, TEST_ACCESS_KEY, TEST_SECRET_KEY, jsonResponse, recordingFetch, type ClientCase } from "./client-suite.ts";

export interface MinimalBodyCase {
  name: string;
  /** The 200 body the server sends. */
  body: unknown;
  /** Response headers (e.g. the request id), none by default. */
  headers?: Record<string, string>;
  /** Exactly what `getBackupDownloadLinks` must resolve to. */
  result: unknown;
}

/** Runs each case against the client of `c` (its options and valid input), at the suite's fixed clock. */
export function describeMinimalBodies(c: Pick<ClientCase, "api" | "create" | "options" | "input">, cases: MinimalBodyCase[]): void {
  describe(`${c.api} client with minimal success bodies`, () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(SUITE_NOW);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it.each(cases.map((item) => [item.name, item] as const))("%s", async (_name, item) => {
      const { fetch, requests } = recordingFetch(() => jsonResponse(200, item.body, item.headers ?? {}));
      const client = c.create({ ...c.options, credentials: { accessKey: TEST_ACCESS_KEY, secretKey: TEST_SECRET_KEY }, fetch } as never);
      const result = await (client.getBackupDownloadLinks as (input: unknown) => Promise<unknown>)(c.input);
      expect(requests).toHaveLength(1);
      expect(result).toEqual(item.result);
    });
  });
}
