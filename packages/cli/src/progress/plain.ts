import type { DownloadEvent } from "../download/events.js";
import { formatBytes, formatDuration, formatRate } from "./format.js";
import { printable } from "./printable.js";
import { RateMeter } from "./rate.js";
import type { Reporter } from "./reporter.js";

/**
 * One line per thing that happened, for logs and pipes (no cursor movement). While a file downloads, a progress line
 * every `intervalMs` (default 10 s), so a long transfer visibly lives in a CI log.
 */
export class PlainReporter implements Reporter {
  private readonly lastLine = new Map<string, number>();
  private readonly meters = new Map<string, RateMeter>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  onEvent(event: DownloadEvent): void {
    const name = printable(event.file);
    switch (event.type) {
      case "start":
        this.lastLine.set(event.file, this.now());
        this.meters.set(event.file, new RateMeter(10_000));
        this.meters.get(event.file)!.sample(event.resumeFrom, this.now());
        this.write(
          (event.resumeFrom > 0
            ? `${name}: resuming at ${formatBytes(event.resumeFrom)}${of(event.totalBytes)}`
            : `${name}: downloading${event.totalBytes === undefined ? "" : ` ${formatBytes(event.totalBytes)}`}`) +
            (event.connections === undefined ? "" : ` over ${event.connections} connections, ${event.parts} parts (${event.partsDone ?? 0} on disk)`),
        );
        break;
      case "progress": {
        const at = this.now();
        const rate = this.meters.get(event.file)?.sample(event.bytes, at) ?? 0;
        if (at - (this.lastLine.get(event.file) ?? 0) < this.intervalMs) break;
        this.lastLine.set(event.file, at);
        const total = event.totalBytes;
        const percent = total ? `${Math.floor((event.bytes / total) * 100)}% ` : "";
        const eta = total && rate > 0 ? `, ETA ${formatDuration((total - event.bytes) / rate)}` : "";
        const parts = event.parts === undefined ? "" : `, ${event.partsDone}/${event.parts} parts, ${event.connections} connections`;
        this.write(`${name}: ${percent}(${formatBytes(event.bytes)}${of(total)}, ${formatRate(rate)}${eta}${parts})`);
        break;
      }
      case "retry":
        this.write(`${name}: attempt ${event.attempt}/${event.maxAttempts} in ${(event.delayMs / 1000).toFixed(1)} s: ${event.reason}`);
        break;
      case "restart":
        this.write(`${name}: starting over: ${event.reason}`);
        break;
      case "link-refresh":
        this.write(
          `${name}: ${event.reason === "expired" ? "link expired" : "link refused by the object store"}; asking the API for fresh links`,
        );
        break;
      case "done": {
        const fetched = event.bytes - event.resumedFrom;
        const rate = event.seconds > 0 ? `, ${formatRate(fetched / event.seconds)}` : "";
        this.write(`${name}: done, ${formatBytes(event.bytes)} in ${event.seconds.toFixed(1)} s${rate} -> ${printable(event.path)}`);
        this.meters.delete(event.file);
        break;
      }
      case "skip":
        this.write(`${name}: ${event.reason} (${formatBytes(event.bytes)}) at ${printable(event.path)}`);
        break;
      case "error":
        this.write(`${name}: FAILED: ${printable(event.message)}`);
        break;
    }
  }

  close(): void {}
}

function of(total: number | undefined): string {
  return total === undefined ? "" : ` of ${formatBytes(total)}`;
}
