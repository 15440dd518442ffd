/**
 * Transfer rate over the last few seconds (a sliding window of samples), so the figure and the ETA follow the
 * current speed rather than the average since the start.
 */
export class RateMeter {
  private readonly samples: Array<{ at: number; bytes: number }> = [];

  constructor(private readonly windowMs = 5_000) {}

  /** Records the byte count at a moment; returns bytes per second over the window (0 until two samples). */
  sample(bytes: number, at: number): number {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const elapsed = (at - first.at) / 1000;
    return elapsed > 0 ? (bytes - first.bytes) / elapsed : 0;
  }
}
