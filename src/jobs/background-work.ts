import type { Db } from '../db/schema.ts';
import type { AuditKeyring } from '../use-cases/platform/audit-keyring.ts';
import { casesWork } from '../use-cases/cases/cases-work.ts';
import { platformWork } from '../use-cases/platform/platform-work.ts';
import type { DeliveryChannels } from '../use-cases/notifications/delivery-channel.ts';
import { notificationsWork } from '../use-cases/notifications/notifications-work.ts';
import { publicationWork } from '../use-cases/publication/publication-work.ts';
import type { WebhookPost } from '../use-cases/publication/deliver-webhook.ts';
import { reportsWork } from '../use-cases/reports/reports-work.ts';
import type { JobLogger, PeriodicTask, TaskList } from './task-list.ts';

/** What every domain's background work is built from. */
export interface WorkDeps {
  db: Db;
  clock: () => Date;
  logger: JobLogger;
  /** For handlers that change records: their audit entries are signed like any other. */
  auditKeys: AuditKeyring;
  /** E-mail/SMS channels for notification delivery (absent: none configured). */
  delivery?: DeliveryChannels;
  /** How agency webhooks are sent (the server: public addresses only, src/delivery/post-to-public-host.ts). */
  webhookPost?: WebhookPost;
}

/** One domain's tasks and periodic tasks. */
export interface DomainWork {
  tasks: TaskList;
  periodic: PeriodicTask[];
}

/**
 * All background work of the platform, assembled from each domain's `<domain>-work.ts`. A task name is
 * `<domain>.<verb>`; two domains may not register the same name.
 */
export function backgroundWork(deps: WorkDeps): DomainWork {
  const parts = [
    platformWork(deps),
    notificationsWork(deps),
    casesWork(deps),
    publicationWork(deps),
    reportsWork(deps),
  ];
  const tasks: Record<string, TaskList[string]> = {};
  for (const part of parts)
    for (const [name, handler] of Object.entries(part.tasks)) {
      if (tasks[name]) throw new Error(`任务名重复：${name}`);
      tasks[name] = handler;
    }
  return { tasks, periodic: parts.flatMap((p) => p.periodic) };
}
