import { existsSync } from "node:fs";

/** Flags for a headless Chromium that talks to nothing but the test's own server. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // A second net under the request blocking in the tests: any host name but the loopback fails to resolve.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

export type ChromiumLookup = { executablePath: string } | { missing: string };

/** Debian's Chromium, or the one CHROMIUM_PATH names (never a downloaded one). */
export function locateChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    return existsSync(fromEnv) ? { executablePath: fromEnv } : { missing: `CHROMIUM_PATH=${fromEnv} does not exist` };
  }
  if (existsSync(DEFAULT_CHROMIUM_PATH)) return { executablePath: DEFAULT_CHROMIUM_PATH };
  return { missing: `no Chromium at ${DEFAULT_CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)` };
}
