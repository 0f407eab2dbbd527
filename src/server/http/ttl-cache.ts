/**
 * A value loaded at most once per `ttlMs` (concurrent callers share one load). The public portal reads its
 * agency list through it: a portal page costs no database query, and a change made on another app server
 * shows within `ttlMs`; the server that made the change invalidates at once.
 */
export class TtlCache<T> {
  private value: T | undefined;
  private loadedAt = 0;
  private pending: Promise<T> | undefined;
  /** Increases on every reload: derived caches (rendered pages) compare it. */
  generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly load: () => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<T> {
    if (this.value !== undefined && this.now() - this.loadedAt < this.ttlMs) return this.value;
    this.pending ??= this.load()
      .then((v) => {
        this.value = v;
        this.loadedAt = this.now();
        this.generation++;
        return v;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(): void {
    this.loadedAt = 0;
  }
}
