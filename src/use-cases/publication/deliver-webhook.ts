import { createHmac } from 'node:crypto';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { findItem } from '../../db/repositories/publication/publication-repository.ts';
import type { Db } from '../../db/schema.ts';
import { itemUrl } from './publish-core.ts';
import { loadPublicationSettings } from './publication-settings.ts';

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the agency's secret>`. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Sends the signed POST; the server's is src/delivery/post-to-public-host.ts (public addresses only). */
export type WebhookPost = (
  url: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number },
) => Promise<{ status: number }>;

/**
 * 一次录入、多平台发布 (issue 8 item 9): POSTs one event of an agency's items to its webhook URL, signed with HMAC
 * (docs/publication.md, "Webhook"). Runs as a job: a network error or a non-2xx answer throws, and the jobs
 * mechanism retries with backoff. The receiver deduplicates by `id` (a job can run twice after a crash).
 */
export async function deliverWebhook(
  db: Db,
  clock: () => Date,
  payload: { agencyId: string; event: string; itemId: string; at: string },
  post: WebhookPost,
): Promise<'sent' | 'skipped'> {
  const agency = await findAgency(db, payload.agencyId);
  if (!agency) return 'skipped';
  const settings = await loadPublicationSettings(db, agency);
  // Switched off after the job was queued: nothing is sent (the administrator's decision is the latest one).
  if (!settings.webhookUrl || !settings.webhookSecret || !settings.webhookEnabled) return 'skipped';
  const item = await findItem(db, payload.itemId);
  const body = JSON.stringify({
    id: `${payload.itemId}:${payload.event}:${payload.at}`,
    event: payload.event,
    at: payload.at,
    agency: { id: agency.id, name: agency.name, code: agency.code },
    item:
      item && payload.event !== 'withdrawn'
        ? {
            id: item.id,
            url: itemUrl(item.id),
            title: item.title,
            indexNumber: item.index_number,
            docNumber: item.doc_number,
            catalogue: item.catalogue,
            publishedOn: item.published_on,
            publisher: item.publisher,
            bodyText: item.body_text,
          }
        : { id: payload.itemId, url: itemUrl(payload.itemId) },
  });
  const timestamp = Math.floor(clock().getTime() / 1000);
  const res = await post(settings.webhookUrl, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Gongkai-Webhook/1',
      'x-gongkai-event': payload.event,
      'x-gongkai-signature': webhookSignature(settings.webhookSecret, timestamp, body),
    },
    body,
    timeoutMs: 10_000,
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`webhook answered ${res.status}`);
  return 'sent';
}
