import type { DownloadEvent } from "../download/events.js";

/** Turns download events into output: bars on a terminal, lines in a log, JSON lines, or nothing. */
export interface Reporter {
  onEvent(event: DownloadEvent): void;
  /** Stops timers and leaves the output tidy (the cursor below any bars). */
  close(): void;
}

export const silentReporter: Reporter = { onEvent: () => undefined, close: () => undefined };
