import type { Context } from 'hono';

/**
 * A request header read from Node's already-parsed IncomingMessage when running under @hono/node-server;
 * `c.req.header()` would build a full Fetch `Headers` object per request, which costs measurable throughput
 * on the portal. Falls back to the Fetch request (in-process tests, other runtimes).
 */
export function rawHeader(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: { headers?: Record<string, string | string[] | undefined> } } | undefined)
    ?.incoming;
  if (incoming?.headers) {
    const v = incoming.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }
  return c.req.header(name);
}
