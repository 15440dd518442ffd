/**
 * One contract suite per client, against `prism mock --errors` started on the client's own bundled spec:
 *
 * 1. Happy path: for every named 200 example (selected with `Prefer: example=<name>`), the client returns exactly
 *    that example mapped through its result shape, and the raw response validates against the spec's schema.
 * 2. Errors: every documented error status and every one of its named examples (`Prefer: code=<s>, example=<name>`)
 *    surfaces as the client's ApiError with the example's status, code, message, detail and request id.
 * 3. Requests: every request the client can send (each auth mode, each optional-parameter combination, each path)
 *    passes Prism's request validation (200, no `sl-violations`), and really carries what the combination says.
 * 4. Inputs at the edge (whitespace, slashes, `..` in ids): the client either refuses them with a ValidationError
 *    before sending anything, or sends a request that still passes Prism's validation and still reaches the
 *    operation it meant (a `..` path segment, normalised away by the URL parser, would reach another one).
 * 5. The spec constrains its inputs: hand-crafted invalid requests are rejected by Prism with 400 or 401 and a
 *    violation naming the offending part of the request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingFetch, type Exchange, type Violation } from "@backup-links/testkit/prism-exchange";
import { bundledSpecPath, startSpecPrism, type ApiId, type PrismServer } from "@backup-links/testkit/prism";
import { compileResponseValidator, formatErrors, loadSpec, type HttpMethod, type OpenApiDocument } from "@backup-links/testkit/schema";
import { documentedExamples, type DocumentedExample } from "./spec-examples.js";

/** How a client authenticates: AK/SK signing (optionally with a security token) or an IAM token. */
export type AuthMode = "aksk" | "aksk+securityToken" | "token";

/** A client as the suites drive it: its one friendly method. */
export interface ClientUnderTest {
  getBackupDownloadLinks(input: never, options?: never): Promise<unknown>;
}

/** Everything needed to build a client against the mock. */
export interface ClientContext {
  baseUrl: string;
  fetch: typeof fetch;
  auth: AuthMode;
}

/** One request the client can send. */
export interface RequestVariant {
  name: string;
  auth: AuthMode;
  /** Spec operation it must hit. */
  path: string;
  method: HttpMethod;
  /** Extra client options (e.g. JD's `legacyPath`). */
  clientOptions?: Record<string, unknown>;
  input: Record<string, unknown>;
  callOptions?: Record<string, unknown>;
  /** The path and query the client must send (relative to the base URL), so the combination is really exercised. */
  sends: string;
  /** The JSON body the client must send, if any. */
  body?: unknown;
}

/** A request the client would never send, written by hand to check the spec rejects it. */
export interface InvalidRequest {
  name: string;
  method: "GET" | "POST";
  /** Path and query relative to the mock's URL. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  status: 400 | 401 | 422;
  /** The violation Prism must report (any further ones are allowed). */
  violation: Partial<Violation>;
}

/** An input the client may refuse; if it does not, what it sends must be valid. */
export interface EdgeInput {
  name: string;
  input: Record<string, unknown>;
  clientOptions?: Record<string, unknown>;
  callOptions?: Record<string, unknown>;
  /** The operation's path template it must reach, when not the first baseline's (e.g. JD's legacy path). */
  path?: string;
}

/** What a client's ApiError must carry. */
export interface ExpectedApiError {
  status: number;
  errorCode: string | undefined;
  errorMessage: string | undefined;
  errorDetail: string | undefined;
  requestId: string | undefined;
}

export interface ContractDefinition {
  api: ApiId;
  /** The client's ApiError class, as the client package exports it. */
  ApiError: abstract new (...args: never[]) => Error;
  createClient(context: ClientContext, clientOptions?: Record<string, unknown>): ClientUnderTest;
  /** Per spec operation: the call the happy-path and error tests make. */
  baseline: RequestVariant[];
  /** Every request the client can send. */
  variants: RequestVariant[];
  /** What the client returns for a 200 example, given the exchange it came from and when the call ran. */
  expectedResult(example: DocumentedExample, exchange: Exchange, variant: RequestVariant, window: { before: number; after: number }): unknown;
  /** What its ApiError carries for an error example, given the exchange. */
  expectedError(example: DocumentedExample, exchange: Exchange): ExpectedApiError;
  /** Edge inputs, sent with the first baseline's auth and operation unless the client refuses them. */
  edgeInputs: EdgeInput[];
  /** The client's ValidationError class, as the client package exports it. */
  ValidationError: abstract new (...args: never[]) => Error;
  invalidRequests: InvalidRequest[];
}

/** An asymmetric matcher for values that can only be bounded, e.g. a time computed from "now". */
export function satisfies<T>(description: string, predicate: (value: T) => boolean): T {
  return {
    asymmetricMatch: (actual: T) => predicate(actual),
    toString: () => description,
    toAsymmetricMatcher: () => description,
  } as unknown as T;
}

function requestTarget(exchange: Exchange, baseUrl: string): string {
  return exchange.url.startsWith(baseUrl) ? exchange.url.slice(baseUrl.length) : exchange.url;
}

function authHeaders(exchange: Exchange): string[] {
  return ["authorization", "x-auth-token", "x-security-token"].filter((name) => name in exchange.requestHeaders);
}

export function describeContract(definition: ContractDefinition): void {
  describe(`${definition.api} client against Prism on its bundled spec`, () => {
    let prism: PrismServer;
    let spec: OpenApiDocument;
    beforeAll(async () => {
      spec = loadSpec(bundledSpecPath(definition.api));
      prism = await startSpecPrism(definition.api);
    });
    afterAll(() => prism?.stop());

    const call = async (variant: RequestVariant, prefer?: string) => {
      const recorder = recordingFetch(prefer === undefined ? {} : { prefer });
      const client = definition.createClient({ baseUrl: prism.url, fetch: recorder.fetch, auth: variant.auth }, variant.clientOptions);
      const before = Date.now();
      const outcome = await client.getBackupDownloadLinks(variant.input as never, variant.callOptions as never).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      const after = Date.now();
      // retry: false, so exactly one request whatever the outcome.
      expect(recorder.exchanges, "requests sent").toHaveLength(1);
      return { outcome, exchange: recorder.last(), window: { before, after } };
    };

    for (const baseline of definition.baseline) {
      const operation = `${baseline.method.toUpperCase()} ${baseline.path}`;

      describe(`${operation}: the 200 examples`, () => {
        it.for(successExampleNames(definition.api, baseline))("%s", async (name) => {
          const example = examplesOf(spec, baseline).find((e) => e.status === 200 && e.name === name) as DocumentedExample;
          const { outcome, exchange, window } = await call(baseline, `example=${name}`);
          if (!outcome.ok) throw outcome.error;
          expect(exchange.violations).toEqual([]);
          expect(exchange.status).toBe(200);
          const raw: unknown = JSON.parse(exchange.responseBody);
          expect(raw).toEqual(example.value);
          const validate = compileResponseValidator(spec, baseline.path, baseline.method, 200);
          expect(validate(raw), formatErrors(validate.errors)).toBe(true);
          expect(outcome.value).toEqual(definition.expectedResult(example, exchange, baseline, window));
        });
      });

      describe(`${operation}: every documented error`, () => {
        it.for(errorExampleNames(definition.api, baseline))("%s", async (label) => {
          const [status, name] = label.split(" ") as [string, string];
          const example = examplesOf(spec, baseline).find((e) => e.status === Number(status) && e.name === name) as DocumentedExample;
          const { outcome, exchange } = await call(baseline, `code=${status}, example=${name}`);
          expect(exchange.violations).toEqual([]);
          expect(exchange.status).toBe(Number(status));
          const raw: unknown = JSON.parse(exchange.responseBody);
          expect(raw).toEqual(example.value);
          const validate = compileResponseValidator(spec, baseline.path, baseline.method, status);
          expect(validate(raw), formatErrors(validate.errors)).toBe(true);
          expect(outcome.ok, "the call must fail").toBe(false);
          const error = (outcome as { error: unknown }).error;
          expect(error).toBeInstanceOf(definition.ApiError);
          const { errorCode, errorMessage, errorDetail, requestId } = error as unknown as ExpectedApiError;
          expect({ status: (error as unknown as ExpectedApiError).status, errorCode, errorMessage, errorDetail, requestId }).toEqual(
            definition.expectedError(example, exchange),
          );
        });
      });
    }

    describe("every request the client can send passes Prism's request validation", () => {
      it.for(definition.variants.map((variant) => [variant.name, variant] as const))("%s", async ([, variant]) => {
        const { outcome, exchange, window } = await call(variant);
        expect({ status: exchange.status, violations: exchange.violations }).toEqual({ status: 200, violations: [] });
        expect(`${exchange.method} ${requestTarget(exchange, prism.url)}`).toBe(`${variant.method.toUpperCase()} ${variant.sends}`);
        if (variant.body !== undefined) expect(JSON.parse(exchange.requestBody)).toEqual(variant.body);
        else expect(exchange.requestBody).toBe("");
        expect(authHeaders(exchange)).toEqual(
          variant.auth === "token" ? ["x-auth-token"] : variant.auth === "aksk" ? ["authorization"] : ["authorization", "x-security-token"],
        );
        if (!outcome.ok) throw outcome.error;
        // The first 200 example is what Prism serves without a Prefer header.
        const example = examplesOf(spec, variant).find((e) => e.status === 200) as DocumentedExample;
        expect(outcome.value).toEqual(definition.expectedResult(example, exchange, variant, window));
      });
    });

    describe("edge inputs are refused by the client or valid for the spec", () => {
      it.for(definition.edgeInputs.map((edge) => [edge.name, edge] as const))("%s", async ([, edge]) => {
        const baseline = definition.baseline[0] as RequestVariant;
        const recorder = recordingFetch();
        // A client option (projectId) may already be refused when the client is created.
        const outcome = await Promise.resolve()
          .then(() => definition.createClient({ baseUrl: prism.url, fetch: recorder.fetch, auth: baseline.auth }, edge.clientOptions))
          .then((client) => client.getBackupDownloadLinks(edge.input as never, edge.callOptions as never))
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        if (recorder.exchanges.length === 0) {
          expect(outcome, "refused before sending: must be a ValidationError").toBeInstanceOf(definition.ValidationError);
          return;
        }
        const exchange = recorder.last();
        const { pathname, search } = new URL(exchange.url);
        const sent = `${exchange.method} ${pathname}${search}`;
        // The message carries what was sent and Prism's own verdict, so a failure reads as a finding.
        expect(
          { status: exchange.status, violations: exchange.violations.map((v) => v.message), reachesOperation: matchesTemplate(pathname, edge.path ?? baseline.path) },
          `sent ${sent}`,
        ).toEqual({ status: 200, violations: [], reachesOperation: true });
        expect(outcome).toBeUndefined();
      });
    });

    describe("the spec rejects invalid requests", () => {
      it.for(definition.invalidRequests.map((request) => [request.name, request] as const))("%s", async ([, request]) => {
        const response = await fetch(`${prism.url}${request.target}`, {
          method: request.method,
          headers: request.headers ?? {},
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        await response.arrayBuffer();
        const header = response.headers.get("sl-violations");
        const violations = header ? (JSON.parse(header) as Violation[]) : [];
        expect({ status: response.status, violations }).toEqual({
          status: request.status,
          violations: expect.arrayContaining([expect.objectContaining(request.violation)]),
        });
      });
    });
  });
}

/** Whether a request path (as sent, percent-encoded) fills the operation's path template, one segment per parameter. */
function matchesTemplate(pathname: string, template: string): boolean {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`).test(pathname);
}

/* The test names must be known when the suite is collected, before Prism runs: read them from the spec file. */
const specCache = new Map<ApiId, OpenApiDocument>();
function specOf(api: ApiId): OpenApiDocument {
  let spec = specCache.get(api);
  if (!spec) {
    spec = loadSpec(bundledSpecPath(api));
    specCache.set(api, spec);
  }
  return spec;
}

function examplesOf(spec: OpenApiDocument, variant: RequestVariant): DocumentedExample[] {
  return documentedExamples(spec, variant.path, variant.method);
}

function successExampleNames(api: ApiId, variant: RequestVariant): string[] {
  return examplesOf(specOf(api), variant)
    .filter((e) => e.status === 200)
    .map((e) => e.name);
}

function errorExampleNames(api: ApiId, variant: RequestVariant): string[] {
  return examplesOf(specOf(api), variant)
    .filter((e) => e.status >= 400)
    .map((e) => `${e.status} ${e.name}`);
}
