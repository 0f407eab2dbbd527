import type { DomainWork, WorkDeps } from '../../jobs/background-work.ts';
import { dueScheduledItems } from '../../db/repositories/publication/publication-repository.ts';
import { defaultSecurity, type UseCaseContext } from '../platform/context.ts';
import { deliverWebhook } from './deliver-webhook.ts';
import { publishScheduled } from './publish-scheduled.ts';

/**
 * 主动公开's background work: scheduled publication (the job enqueued for the moment, plus a sweep each minute in
 * case a job was lost) and the signed webhook deliveries, retried by the jobs mechanism.
 */
export function publicationWork(deps: WorkDeps): DomainWork {
  const ctx = (): UseCaseContext => ({
    db: deps.db,
    clock: deps.clock,
    actor: null,
    ip: '',
    security: defaultSecurity,
    auditKeys: deps.auditKeys,
  });
  return {
    tasks: {
      'publication.publishScheduled': async (payload) => {
        if (typeof payload['itemId'] !== 'string') return;
        await publishScheduled(ctx(), payload['itemId']);
      },
      'publication.sweepScheduled': async () => {
        for (const id of await dueScheduledItems(deps.db, deps.clock().toISOString()))
          await publishScheduled(ctx(), id);
      },
      'publication.webhook': async (payload) => {
        const p = payload as { agencyId?: unknown; event?: unknown; itemId?: unknown; at?: unknown };
        if (typeof p.agencyId !== 'string' || typeof p.event !== 'string' || typeof p.itemId !== 'string') return;
        const post = deps.webhookPost;
        // Without a sender (a runner started without the server's configuration) the job fails and is retried.
        if (!post) throw new Error('本进程未配置信息推送的发送方式');
        await deliverWebhook(
          deps.db,
          deps.clock,
          { agencyId: p.agencyId, event: p.event, itemId: p.itemId, at: typeof p.at === 'string' ? p.at : '' },
          post,
        );
      },
    },
    periodic: [{ task: 'publication.sweepScheduled', everyMs: 60_000 }],
  };
}
