/** The signed-in person's own notifications: count, list, mark read. Nobody reads another person's. */
import { AppError } from '../../core/platform/app-error.ts';
import { can } from '../../core/platform/policy.ts';
import type { Actor } from '../../core/platform/actor.ts';
import {
  countUnreadNotifications,
  findNotification,
  listNotifications,
  markNotificationsRead,
} from '../../db/repositories/notifications/notification-repository.ts';
import type { NotificationRow } from '../../db/schema.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';

function me(ctx: UseCaseContext): Actor {
  const a = ctx.actor;
  if (!a || !can(a, 'notification.read', { agencyId: a.agencyId, agencyPath: a.agencyPath }))
    throw new AppError('FORBIDDEN');
  return a;
}

export async function unreadNotificationCount(ctx: UseCaseContext): Promise<number> {
  return countUnreadNotifications(ctx.db, me(ctx).id);
}

export async function myNotifications(ctx: UseCaseContext, limit = 100): Promise<NotificationRow[]> {
  return listNotifications(ctx.db, me(ctx).id, limit);
}

/** One notification (NOT_FOUND when it is someone else's: no hint that it exists), or all when `id` is null. */
export async function markNotificationRead(ctx: UseCaseContext, id: string | null): Promise<void> {
  const actor = me(ctx);
  if (id !== null) {
    const n = await findNotification(ctx.db, id);
    if (!n || n.user_id !== actor.id) throw new AppError('NOT_FOUND', '未找到该通知');
  }
  await markNotificationsRead(ctx.db, actor.id, id, nowIso(ctx));
}
