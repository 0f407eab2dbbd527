import type { AuditLogRow, Executor } from '../../schema.ts';

/**
 * Reserves the next sequence number and returns it with the previous entry's hash. The UPDATE takes a row
 * lock on PostgreSQL (SQLite serialises writers anyway), so two transactions can never chain onto the
 * same predecessor; the lock is held until the caller's transaction ends.
 */
export async function reserveAuditSeq(ex: Executor): Promise<{ seq: number; prevHash: string }> {
  const r = await ex
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(r.seq), prevHash: r.hash };
}

export async function appendAuditRow(ex: Executor, row: AuditLogRow): Promise<void> {
  await ex.insertInto('audit_log').values(row).execute();
  await ex.updateTable('audit_head').set({ hash: row.hash }).where('id', '=', 1).execute();
}

export async function auditHead(ex: Executor): Promise<{ seq: number; hash: string }> {
  const r = await ex.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(r.seq), hash: r.hash };
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
