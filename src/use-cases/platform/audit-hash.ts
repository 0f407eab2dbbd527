import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/platform/canonical-json.ts';
import type { AuditLogRow } from '../../db/schema.ts';

/** The genesis "previous hash" of the first entry. */
export const genesisHash = '0'.repeat(64);

/**
 * hash = SHA-256 over the canonical JSON of every field of the entry, prev_hash included. Changing any stored
 * byte of an entry, or removing/reordering entries, breaks the chain from that point on.
 */
export function auditEntryHash(entry: Omit<AuditLogRow, 'hash'>): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor_id: entry.actor_id,
    actor_label: entry.actor_label,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entity_id,
    before_json: entry.before_json,
    after_json: entry.after_json,
    ip: entry.ip,
    prev_hash: entry.prev_hash,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}
