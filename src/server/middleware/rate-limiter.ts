import type { Db } from '../../db/schema.ts';
import {
  countRateLimitHit,
  deleteRateLimitWindowsBefore,
} from '../../db/repositories/platform/rate-limit-repository.ts';

/**
 * Fixed-window rate limits (login, public forms) counted in the database, so several app servers behind nginx
 * share one count per client — the servers stay stateless. Only the requests being limited pay the one upsert;
 * page views do not touch it.
 */
export class RateLimiter {
  private lastSweepWindow = -1;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit for `key`; false when the limit for the current window is exceeded. */
  async hit(key: string, limit: number, windowMs = 60_000): Promise<boolean> {
    const windowNo = Math.floor(this.now() / windowMs);
    if (windowNo !== this.lastSweepWindow) {
      // Once per window per server: rows of finished windows are only dead weight.
      this.lastSweepWindow = windowNo;
      await deleteRateLimitWindowsBefore(this.db, windowNo);
    }
    return (await countRateLimitHit(this.db, key, windowNo)) <= limit;
  }
}
