/**
 * For tests that follow a notification all the way to a mailbox: a real SMTP server (smtp-test-server.ts), the SMTP
 * channel pointed at it, and a job runner running the given domains' background work with that channel — the
 * notifications domain's delivery job by default. One set-up for the notification, case-reminder and
 * report-reminder suites.
 */
import { smtpChannel } from '../../src/delivery/smtp-channel.ts';
import type { DomainWork, WorkDeps } from '../../src/jobs/background-work.ts';
import { startJobRunner } from '../../src/jobs/start-job-runner.ts';
import type { DeliveryChannel, DeliveryChannels } from '../../src/use-cases/notifications/delivery-channel.ts';
import { notificationsWork } from '../../src/use-cases/notifications/notifications-work.ts';
import type { TestApp } from '../server/test-app.ts';
import { startSmtpServer } from './smtp-test-server.ts';

export const quietLogger = { info() {}, warn() {}, error() {} };

export interface MailDelivery {
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  delivery: DeliveryChannels;
  stop(): Promise<void>;
}

export async function startMailDelivery(
  t: TestApp,
  options: { sms?: DeliveryChannel; work?: (deps: WorkDeps) => DomainWork[] } = {},
): Promise<MailDelivery> {
  const smtp = await startSmtpServer();
  const mail = smtpChannel({ url: smtp.url, from: '滨湖区政府信息公开 <gongkai@example.gov.cn>' });
  const delivery: DeliveryChannels = {
    email: mail,
    ...(options.sms ? { sms: options.sms } : {}),
    linkBase: 'https://gongkai.example.gov.cn',
  };
  const deps: WorkDeps = {
    db: t.database.open.db,
    clock: () => t.clock.now,
    logger: quietLogger,
    auditKeys: t.deps.auditKeys,
    delivery,
  };
  const work = (options.work ?? ((d) => [notificationsWork(d)]))(deps);
  const runner = await startJobRunner({
    database: t.database.open,
    tasks: Object.assign({}, ...work.map((w) => w.tasks)) as DomainWork['tasks'],
    periodic: work.flatMap((w) => w.periodic),
    logger: quietLogger,
    pollMs: 30,
    heartbeatMs: 200,
  });
  return {
    smtp,
    delivery,
    async stop() {
      await runner.stop();
      mail.close();
      await smtp.close();
    },
  };
}

/** Waits until the condition holds (delivery runs on the job runner's poll), failing after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
