import type { Environment, FetchLike } from "@backup-links/core";
import { runCli } from "../../src/cli/run.js";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  /** Requests the API clients sent through the injected fetch. */
  requests: Request[];
}

/** Credentials and defaults for every cloud, as a user's environment would have them (fake values). */
export const TEST_ENV: Environment = {
  OS_ACCESS_KEY: "OTCAKEXAMPLE",
  OS_SECRET_KEY: "otc-secret-key-never-printed",
  OS_PROJECT_ID: "0123456789abcdef0123456789abcdef",
  HUAWEICLOUD_SDK_AK: "HWAKEXAMPLE",
  HUAWEICLOUD_SDK_SK: "hw-secret-key-never-printed",
  HUAWEICLOUD_SDK_PROJECT_ID: "0123456789abcdef0123456789abcdef",
  JDCLOUD_ACCESS_KEY: "JDAKEXAMPLE",
  JDCLOUD_SECRET_KEY: "jd-secret-key-never-printed",
};

/** The secrets of TEST_ENV: none of them may ever show in output. */
export const TEST_SECRETS = ["otc-secret-key-never-printed", "hw-secret-key-never-printed", "jd-secret-key-never-printed"];

/**
 * Runs the CLI in-process with captured output. `fetch` defaults to one that records the request and fails it, so a
 * test about bad arguments can assert that nothing was sent.
 */
export async function runCaptured(
  argv: string[],
  options: { env?: Environment; fetch?: FetchLike; signal?: AbortSignal; tty?: boolean } = {},
): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const requests: Request[] = [];
  const inner: FetchLike = options.fetch ?? (async () => Promise.reject(new Error("no request expected in this test")));
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false, columns: 100 },
    env: options.env ?? TEST_ENV,
    fetch: async (input, init) => {
      requests.push(input);
      return inner(input, init);
    },
    signal: options.signal,
  });
  return { code, stdout, stderr, requests };
}
