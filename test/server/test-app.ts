import type { Hono } from 'hono';
import type { Dialect } from '../../src/db/open-database.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';
import type { InitialAccount } from '../../src/use-cases/platform/ensure-initial-admin.ts';
import type { AppDeps, AppEnv } from '../../src/server/app-env.ts';
import { createApp } from '../../src/server/app.ts';
import { ephemeralDataKeyring } from '../../src/security/field-cipher.ts';
import { loadConfig, type Config } from '../../src/server/config.ts';
import { silentLogger } from '../../src/server/logger.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../db/test-databases.ts';

export const demoPassword = 'Gongkai@2026';

export interface TestApp {
  app: Hono<AppEnv>;
  /** What the app was built from, to build a second app server on the same database. */
  deps: AppDeps;
  database: TestDatabase;
  config: Config;
  /** A settable clock: tests move time forward. */
  clock: { now: Date; advance(ms: number): void };
  /** Without the demo: the first administrators and their activation codes, as printed at first start. */
  initialAccounts: InitialAccount[];
  close(): Promise<void>;
}

/**
 * The whole app in-process on a fresh database seeded with the demo district — or, with `demo: false`, started
 * empty as in production (three administrators awaiting activation). The demo's administrators are taken past
 * their forced password change so that tests can use them at once (accounts.test.ts checks that change itself).
 */
export async function createTestApp(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: { demo?: boolean; forceDemoAdminChange?: boolean; demoCases?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const loaded = loadConfig({ RATE_LIMIT_LOGIN_PER_MINUTE: '100000', RATE_LIMIT_PUBLIC_PER_MINUTE: '100000', ...env });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const clock = {
    now: new Date('2026-11-20T02:00:00.000Z'),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const now = () => clock.now;
  const demo = options.demo ?? true;
  // Applicants' personal data key (issue 7); the demo's year of applications only when a test asks for it.
  const dataKeys = ephemeralDataKeyring();
  const prepared = await prepareDatabase(database.open, now, {
    demo,
    auditKeys: database.auditKeys,
    dataKeys: options.demoCases ? dataKeys : undefined,
  });
  if (demo && !options.forceDemoAdminChange) {
    await database.open.db.updateTable('users').set({ must_change_password: 0 }).execute();
  }
  const deps: AppDeps = {
    database: database.open,
    config: loaded.config,
    logger: silentLogger,
    clock: now,
    auditKeys: database.auditKeys,
    dataKeys,
    demoData: prepared.demoLoaded,
  };
  const app = createApp(deps);
  const initialAccounts = prepared.kind === 'empty' ? prepared.accounts : [];
  return { app, deps, database, config: loaded.config, clock, initialAccounts, close: () => database.dispose() };
}

/**
 * A browser-like client over `app.request()`: keeps cookies, knows the CSRF token, posts forms and JSON.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  csrf = '';

  /**
   * `ip`: the client address this client speaks from — as the socket's address (in-process there is no socket,
   * so every client would otherwise be the same "local" client) and as X-Real-IP, which the app believes only with
   * TRUST_PROXY=1 (as behind nginx). Tests of per-client limits give each client its own.
   */
  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly options: { ip?: string } = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async request(
    method: string,
    path: string,
    init: {
      form?: Record<string, string | string[]>;
      json?: unknown;
      /** Any other body (multipart, a stream); set its content-type in `headers`. */
      body?: RequestInit['body'];
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.options.ip && !('x-real-ip' in headers)) headers['x-real-ip'] = this.options.ip;
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookie) headers['cookie'] = cookie;
    let body: RequestInit['body'] = init.body;
    if (init.form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      body = p.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    }
    const env = this.options.ip ? { incoming: { socket: { remoteAddress: this.options.ip } } } : undefined;
    const duplex = body instanceof ReadableStream ? { duplex: 'half' as const } : {};
    const res = await this.app.request(path, { method, headers, body, redirect: 'manual', ...duplex }, env);
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /max-age=0/i.test(sc)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string) {
    return this.request('GET', path);
  }

  /** GET a page and remember the CSRF token of its first form. */
  async page(path: string): Promise<{ res: Response; html: string }> {
    const res = await this.get(path);
    const html = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (m) this.csrf = m[1]!;
    return { res, html };
  }

  /** Posts a form with the current CSRF token (unless `_csrf` is given, or `withCsrf` is false). */
  postForm(path: string, form: Record<string, string | string[]>, withCsrf = true) {
    return this.request('POST', path, { form: withCsrf ? { _csrf: this.csrf, ...form } : form });
  }

  async login(login: string, password = demoPassword): Promise<Response> {
    await this.page('/staff/login');
    const res = await this.postForm('/staff/login', { login, password, next: '/staff' });
    if (res.status === 303) await this.page('/staff');
    return res;
  }

  async apiLogin(login: string, password = demoPassword): Promise<Response> {
    const res = await this.request('POST', '/api/v1/session', { json: { login, password } });
    if (res.ok) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  json(method: string, path: string, json?: unknown) {
    return this.request(method, path, { json, headers: this.csrf ? { 'x-csrf-token': this.csrf } : {} });
  }
}

export interface AppVariant {
  dialect: Dialect;
  secure: boolean;
  /** Environment for createTestApp. */
  env: Record<string, string>;
  label: string;
}

/**
 * Every database × secure cookies off and on. With COOKIE_SECURE=1 the cookies are `__Host-` prefixed and
 * Secure, and setting or deleting one without `secure` throws — so suites that touch cookies run both ways.
 */
export function appVariants(): AppVariant[] {
  return testDialects().flatMap((dialect) =>
    [false, true].map((secure) => ({
      dialect,
      secure,
      env: { COOKIE_SECURE: secure ? '1' : '0' },
      label: `${dialect}, ${secure ? 'secure cookies' : 'plain cookies'}`,
    })),
  );
}
