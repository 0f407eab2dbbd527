import type { Executor, NotificationOutboxRow, NotificationRow } from '../../schema.ts';

export async function insertNotification(ex: Executor, row: NotificationRow): Promise<void> {
  await ex.insertInto('notifications').values(row).execute();
}

export async function insertOutboxEntry(ex: Executor, row: NotificationOutboxRow): Promise<void> {
  await ex.insertInto('notification_outbox').values(row).execute();
}

export async function countUnreadNotifications(ex: Executor, userId: string): Promise<number> {
  const r = await ex
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A user's notifications, newest first. */
export async function listNotifications(ex: Executor, userId: string, limit: number): Promise<NotificationRow[]> {
  return ex
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Marks one of the user's notifications (or all when `id` is null) read; returns how many changed. */
export async function markNotificationsRead(
  ex: Executor,
  userId: string,
  id: string | null,
  at: string,
): Promise<number> {
  let q = ex
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== null) q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findNotification(ex: Executor, id: string): Promise<NotificationRow | undefined> {
  return ex.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOutboxEntry(ex: Executor, id: string): Promise<NotificationOutboxRow | undefined> {
  return ex.selectFrom('notification_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateOutboxEntry(
  ex: Executor,
  id: string,
  patch: Partial<Pick<NotificationOutboxRow, 'status' | 'attempts' | 'last_error' | 'sent_at' | 'recipient'>>,
): Promise<void> {
  await ex.updateTable('notification_outbox').set(patch).where('id', '=', id).execute();
}
