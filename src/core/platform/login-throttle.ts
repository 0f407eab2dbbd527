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
