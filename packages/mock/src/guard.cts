// Preloaded into every Prism process with `node --require`.
//
// 1. Prism runs in its own process group so it can be stopped as a whole, which also means nothing stops it when
//    the process that started it dies without cleaning up (SIGKILL, a crashed test worker). That parent holds the
//    other end of Prism's stdin pipe: when the pipe closes, the parent is gone, and so is this Prism. The stream
//    is unref'd so it never keeps Prism alive by itself.
// 2. Prism serves a private copy of the spec in a temporary directory (BACKUP_LINKS_PRISM_WORKDIR). Prism removes
//    it on the way out, however it is stopped (short of SIGKILL), so a parent that died first leaves no litter.
(() => {
  const workDir = process.env["BACKUP_LINKS_PRISM_WORKDIR"];
  if (workDir) {
    process.on("exit", () => {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require("node:fs") as typeof import("node:fs")).rmSync(workDir, { recursive: true, force: true });
      } catch {
        // best effort: the parent removes it too when it stops Prism itself
      }
    });
    // Without a listener these signals end the process without running "exit" listeners.
    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => process.exit(0));
  }

  const stdin = process.stdin;
  const leave = (): void => process.exit(0);
  stdin.once("end", leave);
  stdin.once("close", leave);
  stdin.once("error", leave);
  stdin.resume();
  (stdin as unknown as { unref?: () => void }).unref?.();
})();
