/**
 * The contract of each client's list operation (`listBackups`, `listAllBackups`) against `prism mock --errors` on
 * the client's own bundled spec:
 *
 * 1. Every named 200 example: the client returns exactly that example with each item extended by `startedAt`,
 *    `finishedAt` (the API's own time rule) and `sizeBytes`, plus the request id; the raw body validates against
 *    the spec's schema. A documented 204 (DCS: no backups) is an empty page.
 * 2. Every documented error example surfaces as the client's ApiError with the example's fields.
 * 3. Every query the client can send (each auth mode, each filter, times as a Date and in the vendor's format with
 *    `+` and spaces) passes Prism's request validation with no `sl-violations`, and carries exactly that query;
 *    `listAllBackups` ends against the mock's static page.
 * 4. Bad inputs are refused by the client before anything is sent; hand-written bad queries get the documented 400.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingFetch, type Exchange, type Violation } from "@backup-links/testkit/prism-exchange";
import { bundledSpecPath, startSpecPrism, type ApiId, type PrismServer } from "@backup-links/testkit/prism";
import { compileResponseValidator, formatErrors, loadSpec, type OpenApiDocument } from "@backup-links/testkit/schema";
import type { AuthMode, ExpectedApiError } from "./contract.js";
import { documentedExamples, type DocumentedExample } from "./spec-examples.js";

/** A client as the list suites drive it. */
export interface ListClientUnderTest {
  listBackups(input: never, options?: never): Promise<unknown>;
  listAllBackups(input: never, options?: never): AsyncIterable<unknown>;
}

/** A valid input and the path and query it must produce (relative to the mock's URL). */
export interface ListVariant {
  name: string;
  auth: AuthMode;
  input: Record<string, unknown>;
  sends: string;
}

/** A query the client would never send, and the 400 the spec documents for it. */
export interface BadQuery {
  name: string;
  target: string;
  headers: Record<string, string>;
  /** The violation Prism must report (any further ones are allowed). */
  violation: Partial<Violation>;
}

export interface ListContractDefinition {
  api: ApiId;
  /** The list operation's path in the spec. */
  path: string;
  ApiError: abstract new (...args: never[]) => Error;
  ValidationError: abstract new (...args: never[]) => Error;
  createClient(context: { baseUrl: string; fetch: typeof fetch; auth: AuthMode }): ListClientUnderTest;
  /** The page the client returns for a raw 200 body (`requestId`: the example's header when the body has none). */
  expectedPage(body: unknown, example: DocumentedExample): unknown;
  /** The page for the documented 204, if the operation has one. */
  emptyPage?: (example: { headers: Record<string, string> }) => unknown;
  expectedError(example: DocumentedExample, exchange: Exchange): ExpectedApiError;
  /** Valid inputs; the first is the baseline of the example and error tests. */
  variants: ListVariant[];
  /** Inputs the client must refuse before sending, with the field its ValidationError names. */
  badInputs: Array<{ name: string; input: Record<string, unknown>; field: string }>;
  badQueries: BadQuery[];
}

function examples(spec: OpenApiDocument, path: string): DocumentedExample[] {
  return documentedExamples(spec, path, "get");
}

export function describeListContract(definition: ListContractDefinition): void {
  const spec = loadSpec(bundledSpecPath(definition.api));
  const all = examples(spec, definition.path);
  const baseline = definition.variants[0]!;

  describe(`${definition.api} list operation against Prism on its bundled spec`, () => {
    let prism: PrismServer;
    beforeAll(async () => {
      prism = await startSpecPrism(definition.api);
    });
    afterAll(() => prism?.stop());

    const call = async (variant: ListVariant, prefer?: string) => {
      const recorder = recordingFetch(prefer === undefined ? {} : { prefer });
      const client = definition.createClient({ baseUrl: prism.url, fetch: recorder.fetch, auth: variant.auth });
      const outcome = await client.listBackups(variant.input as never).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      expect(recorder.exchanges, "requests sent").toHaveLength(1);
      return { outcome, exchange: recorder.last() };
    };

    describe(`GET ${definition.path}: the 200 examples`, () => {
      it.for(all.filter((e) => e.status === 200).map((e) => e.name))("%s", async (name) => {
        const example = all.find((e) => e.status === 200 && e.name === name)!;
        const { outcome, exchange } = await call(baseline, `example=${name}`);
        if (!outcome.ok) throw outcome.error;
        expect(exchange.violations).toEqual([]);
        const raw: unknown = JSON.parse(exchange.responseBody);
        expect(raw).toEqual(example.value);
        const validate = compileResponseValidator(spec, definition.path, "get", 200);
        expect(validate(raw), formatErrors(validate.errors)).toBe(true);
        expect(outcome.value).toEqual(definition.expectedPage(raw, example));
      });
    });

    if (definition.emptyPage !== undefined) {
      it(`GET ${definition.path}: the documented 204 (no backups) is an empty page, and listAllBackups ends on it`, async () => {
        const { outcome, exchange } = await call(baseline, "code=204");
        expect({ status: exchange.status, violations: exchange.violations, body: exchange.responseBody }).toEqual({ status: 204, violations: [], body: "" });
        if (!outcome.ok) throw outcome.error;
        expect(outcome.value).toEqual(definition.emptyPage!({ headers: exchange.responseHeaders }));
        const recorder = recordingFetch({ prefer: "code=204" });
        const client = definition.createClient({ baseUrl: prism.url, fetch: recorder.fetch, auth: baseline.auth });
        const pages: unknown[] = [];
        for await (const page of client.listAllBackups(baseline.input as never)) pages.push(page);
        expect(pages).toHaveLength(1);
        expect(recorder.exchanges).toHaveLength(1);
      });
    }

    describe(`GET ${definition.path}: every documented error`, () => {
      it.for(all.filter((e) => e.status >= 400).map((e) => `${e.status} ${e.name}`))("%s", async (label) => {
        const [status, name] = label.split(" ") as [string, string];
        const example = all.find((e) => e.status === Number(status) && e.name === name)!;
        const { outcome, exchange } = await call(baseline, `code=${status}, example=${name}`);
        expect({ status: exchange.status, violations: exchange.violations }).toEqual({ status: Number(status), violations: [] });
        expect(JSON.parse(exchange.responseBody)).toEqual(example.value);
        expect(outcome.ok, "the call must fail").toBe(false);
        const error = (outcome as { error: unknown }).error;
        expect(error).toBeInstanceOf(definition.ApiError);
        const { errorCode, errorMessage, errorDetail, requestId } = error as unknown as ExpectedApiError;
        expect({ status: (error as unknown as ExpectedApiError).status, errorCode, errorMessage, errorDetail, requestId }).toEqual(
          definition.expectedError(example, exchange),
        );
      });
    });

    describe("every query the client can send passes Prism's request validation", () => {
      it.for(definition.variants.map((variant) => [variant.name, variant] as const))("%s", async ([, variant]) => {
        const { outcome, exchange } = await call(variant);
        expect({ status: exchange.status, violations: exchange.violations }).toEqual({ status: 200, violations: [] });
        expect(exchange.url.slice(prism.url.length)).toBe(variant.sends);
        if (!outcome.ok) throw outcome.error;
      });

      it("listAllBackups reads the mock's page and stops (its total is reached)", async () => {
        const recorder = recordingFetch();
        const client = definition.createClient({ baseUrl: prism.url, fetch: recorder.fetch, auth: baseline.auth });
        const pages: unknown[] = [];
        for await (const page of client.listAllBackups(baseline.input as never)) pages.push(page);
        const first = all.find((e) => e.status === 200)!;
        expect(pages).toEqual([definition.expectedPage(first.value, first)]);
        expect(recorder.exchanges.map((e) => e.violations)).toEqual([[]]);
      });
    });

    describe("bad inputs are refused before any request", () => {
      it.for(definition.badInputs.map((bad) => [bad.name, bad] as const))("%s", async ([, bad]) => {
        const recorder = recordingFetch();
        const client = definition.createClient({ baseUrl: prism.url, fetch: recorder.fetch, auth: baseline.auth });
        const error = await client.listBackups(bad.input as never).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(definition.ValidationError);
        expect((error as { field?: string }).field).toBe(bad.field);
        expect(recorder.exchanges).toHaveLength(0);
      });
    });

    describe("bad queries get the documented 400", () => {
      it.for(definition.badQueries.map((bad) => [bad.name, bad] as const))("%s", async ([, bad]) => {
        const response = await fetch(`${prism.url}${bad.target}`, { headers: bad.headers });
        await response.arrayBuffer();
        const header = response.headers.get("sl-violations");
        const violations = header ? (JSON.parse(header) as Violation[]) : [];
        expect({ status: response.status, violations }).toEqual({
          status: 400,
          violations: expect.arrayContaining([expect.objectContaining(bad.violation)]),
        });
      });
    });
  });
}
