import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import {
  bumpCacheGeneration,
  readCacheGeneration,
} from '../../db/repositories/platform/cache-generation-repository.ts';
import type { Db } from '../../db/schema.ts';
import type { AppEnv } from '../app-env.ts';
import { securityHeaders } from '../middleware/security-headers.ts';
import { rawHeader } from './raw-header.ts';
import { readingPrefs, type ReadingPrefs } from './reading-prefs.ts';

/** Primitive, already validated route parameters (an id checked against the database, a page number…). */
export type PageParams = Readonly<Record<string, string | number | boolean>>;

export interface CachedPage<P extends PageParams> {
  /** What invalidates it: `invalidate(scope)` re-renders every page of the scope on every app server. */
  scope: string;
  /** A stable name of the page ('portal.home'). */
  route: string;
  /** The validated parameters; with the route and the reading preferences, the whole key. */
  params: P;
  /**
   * Renders the page from these inputs only. It receives no request: nothing a visitor sent (query string,
   * raw cookies, headers) can reach a page that is served to the next visitor.
   */
  render: (input: { params: P; prefs: ReadingPrefs }) => Promise<string>;
}

export interface PageCacheOptions {
  /** COOKIE_SECURE: the security headers include HSTS. */
  secure: boolean;
  /** Milliseconds clock (tests move it). */
  now?: () => number;
  /** How often an app server asks the database whether another one invalidated a scope. */
  checkEveryMs?: number;
  /** A page is re-rendered after this long even without an invalidation (changes made outside the app). */
  maxAgeMs?: number;
  maxEntries?: number;
  maxBytes?: number;
}

interface Entry {
  body: string;
  bytes: number;
  etag: string;
  generation: number;
  renderedAt: number;
  headers: Record<string, string>;
}

interface ScopeState {
  generation: number;
  checkedAt: number;
  pending: Promise<number> | undefined;
}

/**
 * The one page cache of the public portal (issue 6: the home page's hand-rolled cache keyed on the raw URL and
 * raw cookie values let `/?x=…` put attacker text into the page served to every later visitor, and random
 * cookie values grew memory by 256 MB).
 *
 * - The key is derived only from validated inputs: route + validated params + validated reading preferences.
 *   The renderer gets nothing else.
 * - Bounded: least-recently-used entries go beyond `maxEntries` or `maxBytes`.
 * - Conditional GET: a strong ETag from the bytes (identical on every app server), `If-None-Match` → 304;
 *   `Cache-Control: no-cache` so browsers revalidate, `Vary: Cookie` for the reading preferences.
 * - Shared invalidation: `invalidate(scope)` bumps the scope's generation in the database
 *   (`cache_generations`); every app server compares it at most once per `checkEveryMs` (one primary-key
 *   read, shared by concurrent requests), so a change shows everywhere within that time — at once on the
 *   server that made it.
 *
 * Only for anonymous, cookie-free responses: it never sets cookies and never looks at a session.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly scopes = new Map<string, ScopeState>();
  private readonly listeners = new Map<string, (() => void)[]>();
  private readonly rendering = new Map<string, Promise<Entry>>();
  private bytes = 0;
  private readonly now: () => number;
  private readonly checkEveryMs: number;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly baseHeaders: Record<string, string>;

  constructor(
    private readonly db: Db,
    options: PageCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.checkEveryMs = options.checkEveryMs ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.baseHeaders = {
      ...securityHeaders(options.secure),
      'Content-Type': 'text/html; charset=UTF-8',
      'Cache-Control': 'no-cache',
      Vary: 'Cookie',
    };
  }

  /** The response for a cached page: 304, the cached bytes, or a fresh render. */
  async respond<P extends PageParams>(c: Context<AppEnv>, page: CachedPage<P>): Promise<Response> {
    const prefs = readingPrefs(rawHeader(c, 'cookie'));
    const generation = await this.generation(page.scope);
    const key = `${page.scope}\u0000${page.route}\u0000${JSON.stringify(page.params)}\u0000${prefs.fontSize}${prefs.highContrast ? 1 : 0}`;
    let entry = this.entries.get(key);
    if (!entry || entry.generation !== generation || this.now() - entry.renderedAt > this.maxAgeMs) {
      entry = await this.render(key, generation, page, prefs);
    } else {
      // Most recently used last: the first key of the map is the one to evict.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    // The response already carries the security headers and the cache policy (see edge-middleware).
    c.set('secured', true);
    if (matches(rawHeader(c, 'if-none-match'), entry.etag)) {
      return new Response(null, { status: 304, headers: entry.headers });
    }
    return new Response(entry.body, { status: 200, headers: entry.headers });
  }

  /** Every page of `scope` is re-rendered: here at once, on the other app servers within `checkEveryMs`. */
  async invalidate(scope: string): Promise<void> {
    const generation = await bumpCacheGeneration(this.db, scope);
    const state = this.state(scope);
    state.generation = Math.max(state.generation, generation);
    state.checkedAt = this.now();
    this.drop(scope);
  }

  /** Called when a scope is invalidated (here or by another server), e.g. to drop data the pages are made of. */
  onInvalidate(scope: string, listener: () => void): void {
    this.listeners.set(scope, [...(this.listeners.get(scope) ?? []), listener]);
  }

  stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private state(scope: string): ScopeState {
    let state = this.scopes.get(scope);
    if (!state) {
      state = { generation: -1, checkedAt: -Infinity, pending: undefined };
      this.scopes.set(scope, state);
    }
    return state;
  }

  private async generation(scope: string): Promise<number> {
    const s = this.state(scope);
    if (this.now() - s.checkedAt < this.checkEveryMs) return s.generation;
    s.pending ??= readCacheGeneration(this.db, scope)
      .then((g) => {
        s.checkedAt = this.now();
        this.observe(s, scope, g);
        return s.generation;
      })
      .finally(() => {
        s.pending = undefined;
      });
    return s.pending;
  }

  /** A generation read from the database: another server's invalidation shows as a change. */
  private observe(state: ScopeState, scope: string, generation: number): void {
    // Generations only grow; an older answer (a read that raced with our own invalidation) changes nothing.
    if (generation <= state.generation) return;
    const first = state.generation === -1;
    state.generation = generation;
    if (!first) this.drop(scope);
  }

  private drop(scope: string): void {
    for (const [key, e] of this.entries) {
      if (key.startsWith(`${scope}\u0000`)) this.remove(key, e);
    }
    for (const l of this.listeners.get(scope) ?? []) l();
  }

  private render<P extends PageParams>(
    key: string,
    generation: number,
    page: CachedPage<P>,
    prefs: ReadingPrefs,
  ): Promise<Entry> {
    const inFlight = this.rendering.get(key);
    if (inFlight) return inFlight;
    const p = page
      .render({ params: page.params, prefs })
      .then((body) => {
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        const entry: Entry = {
          body,
          bytes: Buffer.byteLength(body),
          etag,
          generation,
          renderedAt: this.now(),
          headers: { ...this.baseHeaders, ETag: etag },
        };
        const old = this.entries.get(key);
        if (old) this.remove(key, old);
        // A page larger than the whole budget is served but not kept.
        if (entry.bytes <= this.maxBytes) {
          this.entries.set(key, entry);
          this.bytes += entry.bytes;
          this.evict();
        }
        return entry;
      })
      .finally(() => this.rendering.delete(key));
    this.rendering.set(key, p);
    return p;
  }

  private evict(): void {
    for (const [key, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      this.remove(key, e);
    }
  }

  private remove(key: string, e: Entry): void {
    if (this.entries.delete(key)) this.bytes -= e.bytes;
  }
}

/** If-None-Match: `*`, or a list of (possibly weak) tags; weak comparison, as RFC 9110 asks for GET. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
