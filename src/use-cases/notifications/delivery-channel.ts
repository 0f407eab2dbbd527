/**
 * A way to send a message outside the platform (docs/notifications.md). The use-cases know only this interface;
 * the implementations (SMTP through nodemailer, a logging channel) are in src/delivery and chosen by the
 * configuration. No SMS provider is wired: `sms` is a channel only when SMS_CHANNEL=log configures the logging one.
 */
export interface OutgoingMessage {
  /** The outbox entry's id: also the e-mail's Message-ID, so a message sent twice after a crash can be recognised. */
  id: string;
  to: string;
  subject: string;
  body: string;
  /** An absolute URL to the page, when the site's public address is configured. */
  url: string | null;
}

export interface DeliveryChannel {
  /** Sends or throws (the job retries with backoff). */
  send(message: OutgoingMessage): Promise<void>;
}

export type ChannelName = 'email' | 'sms';

/** The configured channels; a missing one is not configured (nothing is queued for it). */
export interface DeliveryChannels {
  email?: DeliveryChannel;
  sms?: DeliveryChannel;
  /** The site's public address (PUBLIC_BASE_URL), to turn a notification's path into a link in a message. */
  linkBase?: string;
}
