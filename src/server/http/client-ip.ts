import type { Context } from 'hono';
import { rawHeader } from './raw-header.ts';

/**
 * The client address. Behind nginx (TRUST_PROXY=1) it is X-Real-IP as set by nginx; otherwise the socket's
 * peer. Never trust forwarding headers from the open internet.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const real = rawHeader(c, 'x-real-ip');
    if (real) return real.trim();
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}
