import { auditHead } from '../../db/repositories/platform/audit-repository.ts';
import { currentKey } from './audit-keyring.ts';
import type { UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';

/**
 * At every start, after the migrations: when the chain's head is not signed with the current audit key — a new
 * database, one upgraded from before migration 003 (its entries are plain SHA-256), or a rotated key — append an
 * entry signed with the current key that says so. Its MAC covers the hash of the entry before it, so it seals
 * every legacy entry (nobody without the key can rewrite them and re-hash any more), and it marks in the log
 * itself when a key took over. Returns the entry's seq, or null when nothing was needed.
 */
export async function sealAuditChain(ctx: UseCaseContext): Promise<number | null> {
  const key = currentKey(ctx.auditKeys);
  return ctx.db.transaction().execute(async (trx) => {
    const head = await auditHead(trx);
    if (!head || head.keyId === key.id) return null;
    return recordAudit(trx, ctx, {
      action: 'audit.keyInstalled',
      entity: 'audit_log',
      entityId: null,
      actorLabel: '系统（审计密钥）',
      after: {
        keyId: key.id,
        previousKeyId: head.keyId,
        ...(head.keyId === null ? { legacyEntries: head.seq, legacyHeadHash: head.hash } : {}),
      },
    });
  });
}
