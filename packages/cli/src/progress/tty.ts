import type { DownloadEvent } from "../download/events.js";
import { formatBytes, formatDuration, formatRate } from "./format.js";
import { PlainReporter } from "./plain.js";
import { printable } from "./printable.js";
import { RateMeter } from "./rate.js";
import type { Reporter } from "./reporter.js";

interface Bar {
  name: string;
  bytes: number;
  total: number | undefined;
  rate: number;
  meter: RateMeter;
  /** Ranged downloads: requests in flight, parts on disk, parts in all. */
  connections?: number | undefined;
  partsDone?: number | undefined;
  parts?: number | undefined;
}

export interface TtyOutput {
  write(text: string): unknown;
  columns?: number | undefined;
}

/**
 * One live bar per file being downloaded (bytes, percentage, rate, ETA), redrawn in place a few times a second.
 * Anything else (done, retry, failure) is printed once above the bars, in the same words as the plain log.
 */
export class TtyReporter implements Reporter {
  private readonly bars = new Map<string, Bar>();
  private readonly pending: string[] = [];
  private drawn = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly lines: PlainReporter;

  constructor(
    private readonly out: TtyOutput,
    private readonly now: () => number = Date.now,
    redrawMs = 150,
  ) {
    // Progress lines of the plain reporter are suppressed (huge interval): the bars show progress.
    this.lines = new PlainReporter((line) => this.pending.push(line), Number.POSITIVE_INFINITY, now);
    this.timer = setInterval(() => this.render(), redrawMs);
    this.timer.unref();
  }

  onEvent(event: DownloadEvent): void {
    switch (event.type) {
      case "start": {
        const meter = new RateMeter();
        meter.sample(event.resumeFrom, this.now());
        this.bars.set(event.file, {
          name: printable(event.file),
          bytes: event.resumeFrom,
          total: event.totalBytes,
          rate: 0,
          meter,
          connections: event.connections,
          partsDone: event.partsDone,
          parts: event.parts,
        });
        if (event.resumeFrom > 0 || event.connections !== undefined) this.lines.onEvent(event);
        return;
      }
      case "progress": {
        const bar = this.bars.get(event.file);
        if (bar === undefined) return;
        bar.bytes = event.bytes;
        bar.total = event.totalBytes ?? bar.total;
        bar.rate = bar.meter.sample(event.bytes, this.now());
        if (event.parts !== undefined) {
          bar.connections = event.connections;
          bar.partsDone = event.partsDone;
          bar.parts = event.parts;
        }
        return;
      }
      case "done":
      case "skip":
      case "error":
        this.bars.delete(event.file);
        this.lines.onEvent(event);
        this.render();
        return;
      default:
        this.lines.onEvent(event);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.bars.clear();
    this.render();
  }

  private render(): void {
    const width = Math.max(40, (this.out.columns ?? 80) - 1);
    // Move to the first bar line, print new permanent lines over it, then the bars, then clear what is left below.
    let text = this.drawn > 0 ? `\x1b[${this.drawn}F` : "";
    for (const line of this.pending.splice(0)) text += `\x1b[2K${line}\n`;
    for (const bar of this.bars.values()) text += `\x1b[2K${renderBar(bar, width)}\n`;
    text += "\x1b[J";
    this.drawn = this.bars.size;
    this.out.write(text);
  }
}

/**
 * `name  [#########-----------]  45%  460 MiB/1.00 GiB  85.2 MiB/s  ETA 0:07`, fitted to `width`; a ranged
 * download adds its connections and parts: `4 conn  7/16 parts`.
 */
export function renderBar(bar: Pick<Bar, "name" | "bytes" | "total" | "rate" | "connections" | "partsDone" | "parts">, width: number): string {
  const total = bar.total;
  const fraction = total ? Math.min(1, bar.bytes / total) : undefined;
  const amount = `${formatBytes(bar.bytes)}${total === undefined ? "" : `/${formatBytes(total)}`}`;
  const eta = total && bar.rate > 0 ? `ETA ${formatDuration((total - bar.bytes) / bar.rate)}` : "ETA --:--";
  const percent = fraction === undefined ? "   " : `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const parts = bar.parts === undefined ? "" : `  ${bar.connections ?? 0} conn  ${bar.partsDone ?? 0}/${bar.parts} parts`;
  const tail = `  ${percent}  ${amount}  ${formatRate(bar.rate)}  ${eta}${parts}`;
  const nameWidth = Math.min(32, Math.max(8, width - tail.length - 24));
  const name = bar.name.length > nameWidth ? `${bar.name.slice(0, nameWidth - 1)}…` : bar.name.padEnd(nameWidth);
  const barWidth = Math.max(10, width - nameWidth - tail.length - 4);
  const filled = fraction === undefined ? 0 : Math.round(fraction * barWidth);
  return `${name}  [${"#".repeat(filled)}${"-".repeat(barWidth - filled)}]${tail}`.slice(0, width);
}
