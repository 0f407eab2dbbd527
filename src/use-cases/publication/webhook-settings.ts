import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { webhookUrlProblem } from '../../core/publication/webhook-url.ts';
import { AppError } from '../../core/platform/app-error.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { changePublicationSettings } from './change-publication-settings.ts';
import type { PublicationSettings } from './publication-settings.ts';

const version = z.number().int().min(0).max(1_000_000_000);

export const webhookInput = z.object({
  url: z.string().trim().max(2000, '地址过长').default(''),
  enabled: z.boolean().default(false),
  version,
});
export type WebhookInput = z.infer<typeof webhookInput>;

export const rotateSecretInput = z.object({ version });

/** 32 random bytes, hex: the HMAC key of the webhook signature (deliver-webhook.ts). */
function newSecret(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The outbound webhook (一次录入、多平台发布): URL (https, no loopback or private address — webhook-url.ts — unless
 * the test setting allows) and whether it is on. The first URL gets a secret; the secret never goes into the
 * audit trail. Switching on without a URL is refused.
 */
export async function saveWebhook(
  ctx: UseCaseContext,
  agencyId: string,
  input: WebhookInput,
  opts: { allowPrivate: boolean },
): Promise<PublicationSettings> {
  const problem = input.url === '' ? undefined : webhookUrlProblem(input.url, opts);
  if (problem) throw new AppError('VALIDATION', '推送设置未保存', { url: problem });
  if (input.enabled && input.url === '')
    throw new AppError('VALIDATION', '推送设置未保存', { url: '启用推送须填写接收地址' });
  return changePublicationSettings(ctx, agencyId, input.version, (settings) => ({
    patch: {
      webhook_url: input.url,
      webhook_enabled: input.enabled ? 1 : 0,
      ...(settings.webhookSecret === '' && input.url !== '' ? { webhook_secret: newSecret() } : {}),
    },
    action: 'publication.settings.webhook',
    before: { url: settings.webhookUrl, enabled: settings.webhookEnabled },
    after: { url: input.url, enabled: input.enabled },
  }));
}

/**
 * A new signing secret, shown once to the administrator to give to the receiver. Deliveries already queued are
 * signed with the secret current when they run, so the receiver should accept both while it switches over.
 */
export async function rotateWebhookSecret(
  ctx: UseCaseContext,
  agencyId: string,
  input: z.infer<typeof rotateSecretInput>,
): Promise<{ settings: PublicationSettings; secret: string }> {
  const secret = newSecret();
  const settings = await changePublicationSettings(ctx, agencyId, input.version, (s) => {
    if (s.webhookUrl === '') throw new AppError('VALIDATION', '请先填写接收地址', { url: '请先填写接收地址' });
    return {
      patch: { webhook_secret: secret },
      action: 'publication.settings.webhookSecret',
      before: { rotated: false },
      after: { rotated: true },
    };
  });
  return { settings, secret };
}
