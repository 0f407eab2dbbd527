import nodemailer from 'nodemailer';
import type { DeliveryChannel, OutgoingMessage } from '../use-cases/notifications/delivery-channel.ts';

export interface SmtpSettings {
  /** smtp://user:pass@host:587 or smtps://…:465 — or the parts below. */
  url?: string;
  host?: string;
  port?: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure?: boolean;
  user?: string;
  pass?: string;
  /** The From address, e.g. "滨湖区政府信息公开 <gongkai@example.gov.cn>". */
  from: string;
}

/**
 * E-mail over SMTP with nodemailer. Subjects and bodies are Chinese: nodemailer encodes the subject as an RFC 2047
 * encoded word and the body as UTF-8 quoted-printable/base64, so every mail client shows them. One pooled transport
 * per channel; a refused or failed send throws, and the job that called it is retried with backoff.
 */
export function smtpChannel(settings: SmtpSettings): DeliveryChannel & { close(): void } {
  const transport = settings.url
    ? nodemailer.createTransport(settings.url)
    : nodemailer.createTransport({
        host: settings.host,
        port: settings.port ?? 587,
        secure: settings.secure ?? false,
        auth: settings.user ? { user: settings.user, pass: settings.pass ?? '' } : undefined,
      });
  return {
    async send(m: OutgoingMessage) {
      await transport.sendMail({
        from: settings.from,
        to: m.to,
        subject: m.subject,
        text: m.url ? `${m.body}\n\n${m.url}` : m.body,
        messageId: `<${m.id}@gongkai.invalid>`,
      });
    },
    close() {
      transport.close();
    },
  };
}
