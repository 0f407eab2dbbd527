import type { Context } from 'hono';

/**
 * Security headers on every response. The CSP allows no inline script or style at all (every page works
 * without JavaScript, and styles come from /static), and no framing (clickjacking).
 */
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Set before the handler runs: Hono then builds the response with them, and @hono/node-server keeps its fast
 * path (touching c.res.headers afterwards would materialise a full Response object on every request).
 */
export function setSecurityHeaders(c: Context, hsts: boolean): void {
  c.header('Content-Security-Policy', csp);
  c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  if (hsts) c.header('Strict-Transport-Security', 'max-age=31536000');
}
