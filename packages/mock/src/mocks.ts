import { createServer } from "node:net";
import { API_IDS, isApiId, type ApiId } from "@backup-links/core";
import { specPath } from "./apis.js";
import { startPrism, validatePort, type PrismServer } from "./prism.js";

/** Options of {@link startMocks}. */
export interface StartMocksOptions {
  /** Which APIs to mock; default all of {@link API_IDS}, in that order. */
  apis?: readonly ApiId[];
  /**
   * First port: the mocks listen on consecutive ports from here, in the order of `apis`.
   * 0 (the default) gives each mock a free port chosen by the system: best for test suites.
   */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Called with every line a Prism process prints (its request log), tagged with the API id. */
  onOutput?: (api: ApiId, line: string) => void;
}

/** Running mocks, one per API. */
export interface Mocks {
  /** Base URL of each started mock, e.g. `{ "otc-rds": "http://127.0.0.1:4010" }`: use it as a client's `baseUrl`. */
  readonly urls: Partial<Record<ApiId, string>>;
  /** The Prism servers, keyed by API id. */
  readonly servers: Partial<Record<ApiId, PrismServer>>;
  /** Stops every mock and waits until all of them have exited. */
  stop(): Promise<void>;
}

/** A usage mistake detected before anything was started (unknown API id, bad port, port in use). */
export class MockUsageError extends Error {
  override readonly name = "MockUsageError";
}

/** Starts one API's mock. See {@link startMocks}. */
export async function startMock(
  api: ApiId,
  options: Omit<StartMocksOptions, "apis"> = {},
): Promise<{ url: string; server: PrismServer; stop(): Promise<void> }> {
  const mocks = await startMocks({ ...options, apis: [api] });
  const server = mocks.servers[api] as PrismServer;
  return { url: server.url, server, stop: () => mocks.stop() };
}

/**
 * Starts a Prism mock (with `--errors`) for each API from the bundled specs in this package and resolves when
 * all of them are listening. If any of them cannot start, the others are stopped and the error is thrown, so
 * nothing is left running.
 */
export async function startMocks(options: StartMocksOptions = {}): Promise<Mocks> {
  const apis = checkApis(options.apis ?? API_IDS);
  const host = options.host ?? "127.0.0.1";
  if (!host.trim()) throw new MockUsageError("host must not be empty");
  const ports = await choosePorts(apis, options.port ?? 0, host);

  const started = await Promise.allSettled(
    apis.map((api, i) =>
      startPrism({
        spec: specPath(api),
        port: ports[i] as number,
        host,
        name: api,
        ...(options.onOutput ? { onOutput: (line: string) => options.onOutput?.(api, line) } : {}),
      }),
    ),
  );
  const servers: Partial<Record<ApiId, PrismServer>> = {};
  const urls: Partial<Record<ApiId, string>> = {};
  started.forEach((result, i) => {
    if (result.status === "fulfilled") {
      servers[apis[i] as ApiId] = result.value;
      urls[apis[i] as ApiId] = result.value.url;
    }
  });
  const stop = async (): Promise<void> => {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  };
  const failure = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) {
    await stop();
    throw failure.reason;
  }
  return { urls, servers, stop };
}

function checkApis(apis: readonly string[]): ApiId[] {
  if (apis.length === 0) throw new MockUsageError("no API to mock: name at least one API id");
  const seen = new Set<string>();
  for (const api of apis) {
    if (!isApiId(api)) {
      throw new MockUsageError(`unknown API id "${api}"; known ids: ${API_IDS.join(", ")}`);
    }
    if (seen.has(api)) throw new MockUsageError(`API id "${api}" is listed twice`);
    seen.add(api);
  }
  return [...apis] as ApiId[];
}

/** Port 0 stays 0 (the system picks, no race); a base port becomes consecutive ports that must be free now. */
async function choosePorts(apis: readonly ApiId[], base: number, host: string): Promise<number[]> {
  try {
    validatePort(base);
  } catch (error) {
    throw new MockUsageError((error as Error).message);
  }
  if (base === 0) return apis.map(() => 0);
  const last = base + apis.length - 1;
  if (last > 65535) {
    throw new MockUsageError(`port ${base} is too high for ${apis.length} mocks: they need ports ${base}-${last}, the last port is 65535`);
  }
  const ports = apis.map((_, i) => base + i);
  for (const [i, port] of ports.entries()) {
    const problem = await portProblem(port, host);
    if (problem) throw new MockUsageError(`port ${port} on ${host} (for ${apis[i]}) is not available: ${problem}`);
  }
  return ports;
}

/** Why a port cannot be listened on right now (e.g. "already in use"), or undefined when it can. */
function portProblem(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      resolve(error.code === "EADDRINUSE" ? "already in use" : `${error.code ?? "error"}: ${error.message}`);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}
