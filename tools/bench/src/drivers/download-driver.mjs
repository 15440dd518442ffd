// Runs the CLI's library downloader (`downloadFile` from @backup-links/cli) once, in a fresh process, the way the
// `backup-links download` command does for one file: the benchmark measures this process's wall time and peak RSS.
// Plain JavaScript so that nothing but `node` and the built CLI is loaded (no TypeScript loader in the RSS).
// Usage: node download-driver.mjs <module-file-url> <link-url> <out-dir> <file-name> <size-bytes> [fsync|no-fsync|default] [connections]
// (no fsync argument: the library's default, which is what `backup-links download` does without --no-fsync)
// Prints one JSON line: {"bytes", "status", "transferMs", "maxRssBytes"}. The link is never printed.
const [moduleUrl, linkUrl, outDir, name, sizeText, fsyncMode, connectionsText] = process.argv.slice(2);
if (!moduleUrl || !linkUrl || !outDir || !name || !sizeText) {
  process.stderr.write("usage: download-driver.mjs <module-file-url> <link-url> <out-dir> <file-name> <size-bytes>\n");
  process.exit(2);
}
const { downloadFile } = await import(moduleUrl);
if (typeof downloadFile !== "function") {
  process.stderr.write(`${moduleUrl} does not export downloadFile\n`);
  process.exit(2);
}
const t0 = process.hrtime.bigint();
const result = await downloadFile({
  link: { name, url: linkUrl, sizeBytes: Number(sizeText) },
  outDir,
  retry: { attempts: 1 },
  ...(fsyncMode === "no-fsync" ? { fsync: false } : fsyncMode === "fsync" ? { fsync: true } : {}),
  // Connections per file (the engine's option; an older build of the library ignores it).
  ...(connectionsText === undefined ? {} : { connections: Number(connectionsText) }),
});
const transferMs = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(
  `${JSON.stringify({
    bytes: result.bytes,
    status: result.status,
    transferMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
