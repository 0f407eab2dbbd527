/**
 * Whether an agency's outbound webhook URL (一次录入、多平台发布) may be stored. The server posts signed item data to
 * it, so the URL decides where the server itself connects: an administrator must not be able to point it at the
 * server's own network (server-side request forgery — 127.0.0.1, 10.x, 169.254.169.254 metadata services …).
 * Rules: https only; no user name or password in the URL; a host name or a public IP address, never a loopback,
 * private, link-local, carrier-grade NAT, multicast or unspecified one, nor `localhost` / `*.localhost`; at most
 * 500 characters. `allowPrivate` (a test setting, GONGKAI_WEBHOOK_ALLOW_PRIVATE=1) lifts the address rule and
 * allows http to a loopback receiver, so tests can run one on 127.0.0.1.
 *
 * A host NAME is checked as written here; what it resolves to is checked again at every delivery
 * (`isNonPublicAddress`, src/delivery/post-to-public-host.ts), so a name re-pointed at an internal address later
 * (DNS rebinding) is refused at the moment of connecting.
 */

export const MAX_WEBHOOK_URL_LENGTH = 500;

function ipv4Parts(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** Addresses no webhook may reach: this host, private networks, link-local (cloud metadata), CGNAT, multicast. */
function isNonPublicIpv4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return true;
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function isNonPublicIpv6(host: string): boolean {
  const h = host.toLowerCase();
  if (h === '::' || h === '::1') return true;
  // IPv4-mapped (::ffff:10.0.0.1, or the hex form the URL parser produces: ::ffff:a00:1).
  const mapped = /^::ffff:(.+)$/.exec(h);
  if (mapped) {
    const v4 = ipv4Parts(mapped[1] ?? '');
    if (v4) return isNonPublicIpv4(v4);
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped[1] ?? '');
    if (hex) {
      const hi = Number.parseInt(hex[1] ?? '0', 16);
      return isNonPublicIpv4([hi >> 8, hi & 255]);
    }
    return true;
  }
  return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(h);
}

/** Whether a resolved address (IPv4 or IPv6, as `dns.lookup` gives it) is one no webhook may reach. */
export function isNonPublicAddress(address: string): boolean {
  const v4 = ipv4Parts(address);
  if (v4) return isNonPublicIpv4(v4);
  return address.includes(':') ? isNonPublicIpv6(address) : true;
}

/** The Chinese reason the URL may not be stored, or undefined when it may. */
export function webhookUrlProblem(input: string, opts: { allowPrivate?: boolean } = {}): string | undefined {
  if (input.length > MAX_WEBHOOK_URL_LENGTH) return `地址不能超过 ${MAX_WEBHOOK_URL_LENGTH} 个字符`;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return '地址格式不正确，应为 https:// 开头的完整网址';
  }
  if (url.username || url.password) return '地址中不能包含用户名或密码';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const v4 = ipv4Parts(host);
  const nonPublic =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    (v4 ? isNonPublicIpv4(v4) : host.includes(':') && isNonPublicIpv6(host));
  const loopback = host === 'localhost' || host === '::1' || v4?.[0] === 127;
  if (url.protocol !== 'https:' && !(opts.allowPrivate && url.protocol === 'http:' && loopback))
    return '只能使用 https 地址（推送内容带有签名，须经加密传输）';
  if (nonPublic && !opts.allowPrivate) return '不能使用本机、内网或保留地址（防止服务器被用来访问内部网络）';
  return undefined;
}
