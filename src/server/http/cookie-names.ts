/**
 * Cookie names. With COOKIE_SECURE=1 the __Host- prefix makes browsers refuse the cookie unless it is Secure,
 * host-only and Path=/ — a sibling subdomain cannot plant a session or a CSRF cookie.
 */
export function cookieNames(secure: boolean) {
  const p = secure ? '__Host-' : '';
  return { session: `${p}gk_sid`, csrf: `${p}gk_csrf` };
}

export const prefCookies = { fontSize: 'gk_fs', contrast: 'gk_hc' } as const;
