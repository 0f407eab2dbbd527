/**
 * Fixed-window rate limits in process memory. Enough for one app server; with several servers behind nginx
 * each keeps its own counts (an attacker gets N× the limit) — then move the counters into PostgreSQL or
 * Redis, or add nginx `limit_req` in front (docs/platform.md).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one hit for `key`; false when the limit for the current window is exceeded. */
  hit(key: string, limit: number, windowMs = 60_000): boolean {
    const t = this.now();
    if (t - this.lastSweep > windowMs) this.sweep(t, windowMs);
    const w = this.windows.get(key);
    if (!w || t - w.start >= windowMs) {
      this.windows.set(key, { start: t, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= limit;
  }

  private sweep(t: number, windowMs: number): void {
    this.lastSweep = t;
    for (const [k, w] of this.windows) if (t - w.start >= windowMs) this.windows.delete(k);
  }
}
