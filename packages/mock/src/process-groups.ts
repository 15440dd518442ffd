/**
 * Bookkeeping of the Prism process groups this process started, so none outlives it.
 *
 * Each Prism runs in its own process group (so it can be stopped as a whole), which also means a Ctrl-C in a
 * terminal no longer reaches it. While any group is running, this module therefore listens for SIGINT, SIGTERM
 * and SIGHUP, sends SIGTERM to every group, and then, if nobody else handles the signal, re-raises it so the
 * process still ends the way it would have. On a normal exit it signals whatever is left. A parent killed with
 * SIGKILL cannot run any of this; for that case each Prism also loads `guard.cjs`, which exits when its stdin
 * pipe from the parent closes.
 *
 * A process that was forked with an IPC channel (a test runner's worker) also stops its mocks when that channel
 * disconnects: the runner that owned it is gone. vitest's fork workers, for one, outlive an interrupted
 * `vitest run` until their current test ends, and would keep their Prism processes alive that long.
 */
const running = new Set<number>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function onSignal(signal: NodeJS.Signals): void {
  terminateAll();
  if (process.listenerCount(signal) === 1) {
    removeHandlers();
    process.kill(process.pid, signal);
  }
}

function terminateAll(): void {
  for (const pgid of running) signalProcessGroup(pgid, "SIGTERM");
}

function addHandlers(): void {
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on("exit", terminateAll);
  if (process.connected) process.on("disconnect", terminateAll);
}

function removeHandlers(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off("exit", terminateAll);
  process.off("disconnect", terminateAll);
}

export function trackProcessGroup(pgid: number): void {
  if (running.size === 0) addHandlers();
  running.add(pgid);
}

export function untrackProcessGroup(pgid: number): void {
  if (running.delete(pgid) && running.size === 0) removeHandlers();
}

/** Sends a signal to every process in a group; a group that is already gone is not an error. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

export function processGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
