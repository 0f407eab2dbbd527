import type { Actor } from '../../core/platform/actor.ts';
import { defaultThrottleLimits, type ThrottleLimits } from '../../core/platform/login-throttle.ts';
import type { Db } from '../../db/schema.ts';
import type { AuditKeyring } from './audit-keyring.ts';
import type { DataKeyring } from '../../security/field-cipher.ts';
import type { DeliveryChannels } from '../notifications/delivery-channel.ts';

/** Security settings use-cases need; filled from the validated config. */
export interface SecuritySettings {
  sessionIdleMinutes: number;
  /** Absolute session lifetime, whatever the activity. */
  sessionMaxHours: number;
  /** Failed sign-ins allowed per address (and per address and login) — see login-throttle.ts. */
  throttle: ThrottleLimits;
  /** How long a one-time activation code for a new account stays valid after approval. */
  activationCodeHours: number;
  /** How long a code issued by a password reset stays valid after approval. */
  resetCodeHours: number;
}

export const defaultSecurity: SecuritySettings = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  throttle: defaultThrottleLimits,
  activationCodeHours: 72,
  resetCodeHours: 24,
};

/**
 * What every use-case receives: the database, the clock (time is passed in, never read from the system), the
 * actor (null for the public), where the request came from (for the audit trail) and the audit keys that sign
 * audit entries (from the configuration, never from the database). No HTTP, no argv.
 */
export interface UseCaseContext {
  db: Db;
  clock: () => Date;
  actor: Actor | null;
  ip: string;
  security: SecuritySettings;
  auditKeys: AuditKeyring;
  /**
   * Seals applicants' personal data (src/security/field-cipher.ts); from the configuration, never from the
   * database. Absent when none is configured (PostgreSQL without GONGKAI_DATA_KEY): intake is then refused.
   */
  dataKeys?: DataKeyring;
  /** Configured e-mail/SMS channels (docs/notifications.md); absent: in-app notifications only. */
  delivery?: DeliveryChannels;
}

export function nowIso(ctx: Pick<UseCaseContext, 'clock'>): string {
  return ctx.clock().toISOString();
}
