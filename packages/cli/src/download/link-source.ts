import { DownloadError } from "./errors.js";
import type { DownloadEventListener, FileLink } from "./events.js";

/** A link that expires within this margin is refreshed before use, so it cannot lapse between check and request. */
const EXPIRY_MARGIN_MS = 5_000;

/**
 * The current link of one file, shared by every connection of its download: a refused or expired link is replaced
 * once, by one call to `refreshLink`, whichever connection noticed first (the others wait for that call).
 */
export class LinkSource {
  /** Bumped at every fresh link, so a connection that saw an older link knows a newer one is already there. */
  generation = 0;
  /** Fresh links asked for since the last byte of progress. */
  private refreshes = 0;
  private pending: Promise<void> | undefined;

  constructor(
    public link: FileLink,
    private readonly options: {
      refreshLink?: ((reason: "expired" | "rejected") => Promise<FileLink>) | undefined;
      maxLinkRefreshes: number;
      now: () => number;
      onEvent?: DownloadEventListener | undefined;
    },
  ) {}

  get canRefresh(): boolean {
    return this.options.refreshLink !== undefined && this.refreshes < this.options.maxLinkRefreshes;
  }

  isExpired(): boolean {
    const expiresAt = this.link.expiresAt;
    return expiresAt !== undefined && expiresAt.getTime() <= this.options.now() + EXPIRY_MARGIN_MS;
  }

  /** Bytes arrived: the next refusal starts a fresh count. */
  progressed(): void {
    this.refreshes = 0;
  }

  /** Replaces the link unless one newer than `seen` already exists; concurrent callers share one call. */
  async refresh(reason: "expired" | "rejected", seen: number): Promise<void> {
    if (this.generation !== seen) return;
    this.pending ??= (async () => {
      this.refreshes++;
      this.options.onEvent?.({ type: "link-refresh", file: this.link.name, reason });
      this.link = await this.options.refreshLink!(reason);
      this.generation++;
    })().finally(() => {
      this.pending = undefined;
    });
    await this.pending;
  }

  /** Refreshes an expired link before it is used (when a fresh one can be had). */
  async freshen(): Promise<void> {
    while (this.isExpired() && this.canRefresh) await this.refresh("expired", this.generation);
  }

  rejected(status: number): DownloadError {
    const hint = this.options.refreshLink ? `; ${this.options.maxLinkRefreshes} fresh links did not help` : "; it has probably expired";
    return new DownloadError("LINK_REJECTED", `${this.link.name}: the object store refused the link (HTTP ${status})${hint}`, {
      file: this.link.name,
      status,
    });
  }
}
