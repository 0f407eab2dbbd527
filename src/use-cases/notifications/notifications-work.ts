import type { DomainWork, WorkDeps } from '../../jobs/background-work.ts';
import { deliverOutboxEntry } from './deliver-outbox-entry.ts';
import { deliverTask } from './notify.ts';

/** Notifications' background work: delivering outbox entries (docs/notifications.md). */
export function notificationsWork(deps: WorkDeps): DomainWork {
  return {
    tasks: {
      [deliverTask]: async (payload, job) => {
        const outboxId = payload['outboxId'];
        if (typeof outboxId !== 'string') return;
        const r = await deliverOutboxEntry({ db: deps.db, clock: deps.clock, delivery: deps.delivery }, outboxId, job);
        if (r === 'sent') deps.logger.info('notification delivered', { outbox: outboxId });
      },
    },
    periodic: [],
  };
}
