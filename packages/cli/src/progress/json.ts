import type { DownloadEvent } from "../download/events.js";
import type { Reporter } from "./reporter.js";

/**
 * One JSON object per line (`--json`), for scripts: every event as it happens, `progress` at most once per
 * `progressIntervalMs` per file. Events never contain links.
 */
export class JsonReporter implements Reporter {
  private readonly lastProgress = new Map<string, number>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly progressIntervalMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  onEvent(event: DownloadEvent): void {
    if (event.type === "progress") {
      const at = this.now();
      const total = event.totalBytes;
      const finished = total !== undefined && event.bytes >= total;
      if (!finished && at - (this.lastProgress.get(event.file) ?? 0) < this.progressIntervalMs) return;
      this.lastProgress.set(event.file, at);
    }
    this.write(JSON.stringify({ ...event, time: new Date(this.now()).toISOString() }));
  }

  close(): void {}
}
