// A child process for the SIGKILL test: one ranged download with small parts, through the built library.
// Usage: node ranged-child.mjs <url> <out-dir> <name>
import { downloadFile } from "../../dist/index.js";

const [url, outDir, name] = process.argv.slice(2);
const result = await downloadFile({
  link: { name, url },
  outDir,
  connections: 2,
  multiConnectionThresholdBytes: 0,
  partBytes: 256 * 1024,
  stateSaveIntervalMs: 100,
});
process.stdout.write(`${JSON.stringify({ sha256: result.sha256, resumedFrom: result.resumedFrom })}\n`);
