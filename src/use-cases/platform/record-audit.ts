import { canonicalJson } from '../../core/platform/canonical-json.ts';
import { appendAuditRow, reserveAuditSeq } from '../../db/repositories/platform/audit-repository.ts';
import type { Executor } from '../../db/schema.ts';
import { auditEntryHash } from './audit-hash.ts';
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
 * Appends one entry to the audit chain. Must be called with the SAME transaction as the change it records:
 * either both are stored or neither is (等保 2.0 安全审计; an inspector must be able to trust that every
 * change is in the log).
 */
export async function recordAudit(trx: Executor, ctx: UseCaseContext, event: AuditEvent): Promise<number> {
  const { seq, prevHash } = await reserveAuditSeq(trx);
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
  await appendAuditRow(trx, { ...entry, hash: auditEntryHash(entry) });
  return seq;
}
