import type { DownloadEvent } from "../download/events.js";
import { RateMeter } from "./rate.js";
import type { Reporter } from "./reporter.js";

/**
 * One JSON object per line (`--json`), for scripts: every event as it happens, `progress` at most once per
 * `progressIntervalMs` per file, with the current rate (`bytesPerSecond`, over the last 5 s) and, when the total
 * is known, `secondsLeft`. Events never contain links.
 */
export class JsonReporter implements Reporter {
  private readonly lastProgress = new Map<string, number>();
  private readonly meters = new Map<string, RateMeter>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly progressIntervalMs = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  onEvent(event: DownloadEvent): void {
    if (event.type === "start") {
      this.meters.set(event.file, new RateMeter());
      this.meters.get(event.file)!.sample(event.resumeFrom, this.now());
    }
    if (event.type === "progress") {
      const at = this.now();
      const total = event.totalBytes;
      const rate = this.meters.get(event.file)?.sample(event.bytes, at);
      const finished = total !== undefined && event.bytes >= total;
      if (!finished && at - (this.lastProgress.get(event.file) ?? 0) < this.progressIntervalMs) return;
      this.lastProgress.set(event.file, at);
      if (rate !== undefined) {
        const bytesPerSecond = Math.round(rate);
        const secondsLeft = total !== undefined && rate > 0 ? Math.ceil((total - event.bytes) / rate) : undefined;
        this.write(JSON.stringify({ ...event, bytesPerSecond, ...(secondsLeft === undefined ? {} : { secondsLeft }), time: new Date(at).toISOString() }));
        return;
      }
    }
    if (event.type === "done" || event.type === "error") this.meters.delete(event.file);
    this.write(JSON.stringify({ ...event, time: new Date(this.now()).toISOString() }));
  }

  close(): void {}
}
