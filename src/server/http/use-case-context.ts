import type { Context } from 'hono';
import type { Actor } from '../../core/platform/actor.ts';
import { defaultSecurity, type SecuritySettings, type UseCaseContext } from '../../use-cases/platform/context.ts';
import type { AppEnv } from '../app-env.ts';
import type { Config } from '../config.ts';
import { deliveryChannelsFor } from '../../delivery/delivery-channels.ts';

export function securityOf(config: Config): SecuritySettings {
  return {
    ...defaultSecurity,
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionMaxHours: config.sessionMaxHours,
  };
}

/** The use-case context of a request: the edge ends here, nothing HTTP goes further. */
export function useCaseContext(c: Context<AppEnv>): UseCaseContext {
  const { database, clock, config, auditKeys, dataKeys, logger } = c.get('deps');
  const s = c.get('session');
  return {
    db: database.db,
    clock,
    actor: s?.kind === 'active' ? s.actor : null,
    ip: c.get('ip'),
    security: securityOf(config),
    auditKeys,
    dataKeys,
    delivery: deliveryChannelsFor(config.delivery, logger),
  };
}

export function actorOf(c: Context<AppEnv>): Actor | null {
  const s = c.get('session');
  return s?.kind === 'active' ? s.actor : null;
}
