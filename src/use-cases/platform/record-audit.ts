import { canonicalJson } from '../../core/platform/canonical-json.ts';
import { appendAuditRow, reserveAuditSeq } from '../../db/repositories/platform/audit-repository.ts';
import type { Executor } from '../../db/schema.ts';
import { auditHeadMac, keyedEntryHash } from './audit-hash.ts';
import { currentKey, keyIndex, type AuditKeyring } from './audit-keyring.ts';
import { nowIso, type UseCaseContext } from './context.ts';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  /** Who, when not the context's actor (e.g. a failed login names the login tried). */
  actorLabel?: string;
}

/**
 * Appends one entry to the audit chain — the ONLY place that does. Must be called with the SAME transaction as
 * the change it records: either both are stored or neither is (等保 2.0 安全审计; an inspector must be able to
 * trust that every change is in the log). The entry is signed with the current audit key (HMAC-SHA256, key kept
 * outside the database) and the head gets a MAC, so that someone with only database access cannot forge,
 * rewrite or cut off entries unnoticed (docs/ARCHITECTURE.md, "What the audit trail guarantees").
 */
export async function recordAudit(trx: Executor, ctx: UseCaseContext, event: AuditEvent): Promise<number> {
  const { seq, prevHash, keyId: headKeyId } = await reserveAuditSeq(trx);
  refuseUnknownHeadKey(ctx.auditKeys, headKeyId);
  const key = currentKey(ctx.auditKeys);
  const entry = {
    seq,
    at: nowIso(ctx),
    actor_id: ctx.actor?.id ?? null,
    actor_label: event.actorLabel ?? (ctx.actor ? `${ctx.actor.displayName}（${ctx.actor.login}）` : '公众'),
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId,
    before_json: event.before === undefined ? null : canonicalJson(event.before),
    after_json: event.after === undefined ? null : canonicalJson(event.after),
    ip: ctx.ip || null,
    prev_hash: prevHash,
  };
  const hash = keyedEntryHash(entry, key);
  await appendAuditRow(trx, { ...entry, key_id: key.id, hash }, { mac: auditHeadMac({ seq, hash }, key) });
  return seq;
}

/**
 * After a key rotation another app server may already sign with a key this one was not given. Signing on with an
 * older key would make the chain go back to a retired key, which verify refuses (a leaked old key must not be
 * able to forge new entries) — so this server stops writing instead, and says why.
 */
function refuseUnknownHeadKey(keys: AuditKeyring, headKeyId: string | null): void {
  if (headKeyId !== null && keyIndex(keys, headKeyId) < 0) {
    throw new Error(
      `审计链最新条目由密钥“${headKeyId}”签名，本服务器的审计密钥中没有它（密钥已轮换而本服务器未更新？）。` +
        '请把新的密钥文件分发到本服务器（GONGKAI_AUDIT_KEY_FILE / GONGKAI_AUDIT_KEY）后重启。',
    );
  }
}
