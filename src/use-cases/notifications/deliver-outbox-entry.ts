/**
 * The job `notifications.deliver`: sends one outbox entry through its channel. Idempotent (a job may run again
 * after a crash): an entry already sent is not sent again. A failure is recorded on the entry and thrown, so the
 * job queue retries it with exponential backoff; after the last attempt the entry is `failed` (shown to no one
 * as sent). Once delivered, the recipient's address is masked: the outbox keeps no list of applicants' contacts.
 */
import { findOutboxEntry, updateOutboxEntry } from '../../db/repositories/notifications/notification-repository.ts';
import type { Executor } from '../../db/schema.ts';
import type { JobInfo } from '../../jobs/task-list.ts';
import type { DeliveryChannels } from './delivery-channel.ts';

export function maskRecipient(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) return `${address.slice(0, 1)}***${address.slice(at)}`;
  return address.length > 4 ? `${'*'.repeat(address.length - 4)}${address.slice(-4)}` : '****';
}

export async function deliverOutboxEntry(
  deps: { db: Executor; clock: () => Date; delivery: DeliveryChannels | undefined },
  outboxId: string,
  job: Pick<JobInfo, 'attempt' | 'maxAttempts'>,
): Promise<'sent' | 'skipped' | 'failed'> {
  const entry = await findOutboxEntry(deps.db, outboxId);
  if (!entry || entry.status !== 'pending') return 'skipped';
  const channel =
    entry.channel === 'email' ? deps.delivery?.email : entry.channel === 'sms' ? deps.delivery?.sms : undefined;
  if (!channel) {
    await updateOutboxEntry(deps.db, outboxId, { status: 'failed', last_error: '该发送渠道未配置' });
    return 'failed';
  }
  const url = entry.link && deps.delivery?.linkBase ? `${deps.delivery.linkBase}${entry.link}` : null;
  try {
    await channel.send({ id: entry.id, to: entry.recipient, subject: entry.subject, body: entry.body, url });
  } catch (e) {
    const last = job.attempt >= job.maxAttempts;
    await updateOutboxEntry(deps.db, outboxId, {
      attempts: entry.attempts + 1,
      last_error: (e instanceof Error ? e.message : String(e)).slice(0, 1000),
      ...(last ? { status: 'failed' } : {}),
    });
    throw e;
  }
  await updateOutboxEntry(deps.db, outboxId, {
    status: 'sent',
    attempts: entry.attempts + 1,
    sent_at: deps.clock().toISOString(),
    recipient: maskRecipient(entry.recipient),
  });
  return 'sent';
}
