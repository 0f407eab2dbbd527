import type { DeliveryChannels } from '../use-cases/notifications/delivery-channel.ts';
import { logChannel } from './log-channel.ts';
import { smtpChannel, type SmtpSettings } from './smtp-channel.ts';

/** What the configuration says about delivery (src/server/config.ts, docs/notifications.md). */
export interface DeliverySettings {
  smtp: SmtpSettings | undefined;
  /** 'none': SMS not configured (nothing queued); 'log': the logging channel (no provider is wired). */
  sms: 'none' | 'log';
  linkBase: string | undefined;
}

interface InfoLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
}

const built = new WeakMap<DeliverySettings, DeliveryChannels>();

/** The channels of a configuration, built once (one SMTP connection pool per process). */
export function deliveryChannelsFor(settings: DeliverySettings, logger: InfoLogger): DeliveryChannels {
  let channels = built.get(settings);
  if (!channels) {
    channels = {
      email: settings.smtp ? smtpChannel(settings.smtp) : undefined,
      sms: settings.sms === 'log' ? logChannel('sms', logger) : undefined,
      linkBase: settings.linkBase,
    };
    built.set(settings, channels);
  }
  return channels;
}
