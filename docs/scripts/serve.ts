/** Serves docs/dist on http://127.0.0.1:<port> (default 8080, or PORT) until Ctrl-C. */
import { existsSync } from "node:fs";
import path from "node:path";
import { distDir } from "../src/paths.js";
import { serveStatic } from "../src/static-server.js";

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT: must be an integer from 0 to 65535, got "${process.env.PORT}"`);
  process.exit(2);
}
if (!existsSync(path.join(distDir, "index.html"))) {
  console.error(`${distDir}/index.html is missing: build the site first (pnpm docs)`);
  process.exit(1);
}
const server = await serveStatic(distDir, port);
console.log(`Serving ${distDir} on ${server.origin}/ (Ctrl-C stops)`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
