/**
 * Tells someone about something (issue 7 item 4: reminders in-app, and by e-mail/SMS when configured). Called
 * INSIDE the caller's transaction: the in-app row and the outbox entries exist if and only if the event that caused
 * them is committed (transactional outbox), and each outbox entry has its delivery job (`notifications.deliver`,
 * src/jobs: retries with exponential backoff, survives restarts). Easy to call from a job too: it needs only a
 * clock and the channels, not a signed-in actor.
 */
import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { enqueueJob } from '../../db/repositories/jobs/job-repository.ts';
import { insertNotification, insertOutboxEntry } from '../../db/repositories/notifications/notification-repository.ts';
import type { Executor } from '../../db/schema.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { newId } from '../platform/session-token.ts';
import type { ChannelName } from './delivery-channel.ts';

export const deliverTask = 'notifications.deliver';
/** e^n seconds between attempts (src/jobs): 8 attempts span about 50 minutes. */
export const deliveryAttempts = 8;

/** A path inside this site: no scheme, no `//host`, no backslash or control characters (never an open redirect). */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const sitePath = /^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/;

export const notificationInput = z.object({
  userId: z.string().min(1).max(64).optional(),
  email: z.email('电子邮件地址格式不正确').max(254).optional(),
  phone: z
    .string()
    .regex(/^\+?\d{5,20}$/, '手机号码格式不正确')
    .optional(),
  subject: z.string().trim().min(1, '通知标题不能为空').max(200, '通知标题不能超过200个字符'),
  body: z.string().max(4000, '通知内容不能超过4000个字符'),
  link: z.string().max(500).regex(sitePath, '链接须为本站路径，如 /staff/cases/…').optional(),
  agencyId: z.string().max(64).optional(),
});
export type Notification = z.input<typeof notificationInput>;

/**
 * An agency's mailbox as notify() accepts it, or null: the address is free text its administrator entered, and a
 * malformed one must not make a whole batch of reminders fail (notify refuses it).
 */
export function deliverableEmail(value: string): string | null {
  const v = value.trim();
  return v !== '' && notificationInput.shape.email.safeParse(v).success ? v : null;
}

export interface Notified {
  notificationId: string | null;
  outboxIds: string[];
}

export async function notify(
  trx: Executor,
  ctx: Pick<UseCaseContext, 'clock' | 'delivery'>,
  n: Notification,
): Promise<Notified> {
  const parsed = notificationInput.safeParse(n);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? '_')] ??= issue.message;
    throw new AppError('VALIDATION', '通知内容不正确', fields);
  }
  const v = parsed.data;
  const at = ctx.clock().toISOString();
  let notificationId: string | null = null;
  if (v.userId) {
    notificationId = newId();
    await insertNotification(trx, {
      id: notificationId,
      user_id: v.userId,
      agency_id: v.agencyId ?? null,
      subject: v.subject,
      body: v.body,
      link: v.link ?? null,
      created_at: at,
      read_at: null,
    });
  }
  const outboxIds: string[] = [];
  const queue = async (channel: ChannelName, recipient: string) => {
    const id = newId();
    await insertOutboxEntry(trx, {
      id,
      notification_id: notificationId,
      channel,
      recipient,
      subject: v.subject,
      body: v.body,
      link: v.link ?? null,
      status: 'pending',
      attempts: 0,
      last_error: null,
      created_at: at,
      sent_at: null,
    });
    await enqueueJob(trx, { task: deliverTask, payload: { outboxId: id }, maxAttempts: deliveryAttempts });
    outboxIds.push(id);
  };
  if (v.email && ctx.delivery?.email) await queue('email', v.email);
  if (v.phone && ctx.delivery?.sms) await queue('sms', v.phone);
  return { notificationId, outboxIds };
}
