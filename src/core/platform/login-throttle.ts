/**
 * Repeated failed sign-ins are throttled per client address — for one login name from that address, and for all
 * names from that address together — over a sliding window. There is deliberately no per-account lock: a lock
 * that anyone who knows a login can trigger lets an attacker lock staff out at will (等保 2.0 身份鉴别 asks for
 * 登录失败处理功能 — limiting illegal attempts — which a per-address throttle provides without that denial of service).
 *
 * Counts include the attempt being decided (it is recorded before the password is checked, so parallel
 * guesses cannot slip past the limit).
 */
export interface ThrottleLimits {
  /** Failed attempts allowed for one login name from one address within the window. */
  perAddressAndLogin: number;
  /** Failed attempts allowed from one address (all names together) within the window. */
  perAddress: number;
  windowMinutes: number;
}

export const defaultThrottleLimits: ThrottleLimits = { perAddressAndLogin: 5, perAddress: 30, windowMinutes: 15 };

export interface AttemptCounts {
  addressAndLogin: number;
  address: number;
}

export function isThrottled(counts: AttemptCounts, limits: ThrottleLimits): boolean {
  return counts.addressAndLogin > limits.perAddressAndLogin || counts.address > limits.perAddress;
}

/** The answer to a throttled attempt — the same whether or not the login exists. */
export function throttledMessage(limits: ThrottleLimits): string {
  return `登录失败次数过多，请${limits.windowMinutes}分钟后再试`;
}

/**
 * The address an attempt is counted under. An IPv6 subscriber usually holds a whole /64 (2^64 addresses), so
 * counting per IPv6 address would let anyone sidestep the throttle: IPv6 is counted per /64. IPv4-mapped IPv6
 * addresses count as the IPv4 address. Anything unparsable is counted as given.
 */
export function throttleAddress(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('::');
  if (ip.split('::').length > 2) return ip;
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return ip;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
