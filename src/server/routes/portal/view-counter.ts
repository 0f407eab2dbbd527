import type { Db } from '../../../db/schema.ts';
import { recordItemViews } from '../../../use-cases/publication/record-item-views.ts';

/**
 * Counts item page views in memory and writes them in batches (at most every `everyMs`, on the next view), so a
 * busy item page costs no database write per request and cached pages stay cached. The count shown on the page
 * lags by up to the page cache's age. Lost on a crash: at most a few seconds of views of one server.
 */
export class ViewCounter {
  private counts = new Map<string, number>();
  private lastFlush: number;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    private readonly everyMs = 5000,
  ) {
    this.lastFlush = now();
  }

  count(id: string): void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    if (this.counts.size > 10_000 || this.now() - this.lastFlush >= this.everyMs) void this.flush();
  }

  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    const batch = this.counts;
    this.counts = new Map();
    this.lastFlush = this.now();
    this.flushing = recordItemViews(this.db, batch)
      .catch(() => undefined) // views are not worth failing a page for
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }
}
