import type { AuditLogRow, Executor } from '../../schema.ts';

/**
 * Reserves the next sequence number and returns it with the previous entry's hash and signing key. The UPDATE
 * takes a row lock on PostgreSQL (SQLite serialises writers anyway), so two transactions can never chain onto
 * the same predecessor; the lock is held until the caller's transaction ends.
 */
export async function reserveAuditSeq(ex: Executor): Promise<{ seq: number; prevHash: string; keyId: string | null }> {
  const r = await ex
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash', 'key_id'])
    .executeTakeFirstOrThrow();
  return { seq: Number(r.seq), prevHash: r.hash, keyId: r.key_id };
}

/** Stores the entry and moves the head onto it, with the head's key id and MAC. */
export async function appendAuditRow(ex: Executor, row: AuditLogRow, head: { mac: string }): Promise<void> {
  await ex.insertInto('audit_log').values(row).execute();
  await ex
    .updateTable('audit_head')
    .set({ hash: row.hash, key_id: row.key_id, mac: head.mac })
    .where('id', '=', 1)
    .execute();
}

export interface AuditHead {
  seq: number;
  hash: string;
  keyId: string | null;
  mac: string | null;
}

/** The head row, or null when it is missing (only possible after tampering). */
export async function auditHead(ex: Executor): Promise<AuditHead | null> {
  const r = await ex
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'key_id', 'mac'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return r ? { seq: Number(r.seq), hash: r.hash, keyId: r.key_id, mac: r.mac } : null;
}

/** Entries with seq > afterSeq in ascending order (for walking the chain in batches). */
export async function auditBatch(ex: Executor, afterSeq: number, limit: number): Promise<AuditLogRow[]> {
  const rows = await ex
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export interface AuditQuery {
  beforeSeq?: number;
  limit: number;
  action?: string;
  entity?: string;
  entityId?: string;
}

/** Newest first, for the audit administrator's view. */
export async function listAudit(ex: Executor, q: AuditQuery): Promise<AuditLogRow[]> {
  let query = ex.selectFrom('audit_log').selectAll();
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  const rows = await query.orderBy('seq', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
