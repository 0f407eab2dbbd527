import type { DeliveryChannel } from '../use-cases/notifications/delivery-channel.ts';

interface InfoLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * A channel that only writes a log line (without the recipient's number or the text): for SMS while no provider
 * is wired (SMS_CHANNEL=log), so that the outbox and its job run end to end. It sends nothing to anyone.
 */
export function logChannel(name: string, logger: InfoLogger): DeliveryChannel {
  return {
    async send(m) {
      logger.info('message not sent: logging channel', { channel: name, outbox: m.id, length: m.body.length });
    },
  };
}
