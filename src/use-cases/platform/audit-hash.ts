import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '../../core/platform/canonical-json.ts';
import type { AuditLogRow } from '../../db/schema.ts';
import type { AuditKey } from './audit-keyring.ts';

/** The genesis "previous hash" of the first entry. */
export const genesisHash = '0'.repeat(64);

export type AuditEntryFields = Omit<AuditLogRow, 'hash' | 'key_id'>;

const bodyFields = [
  'seq',
  'at',
  'actor_id',
  'actor_label',
  'action',
  'entity',
  'entity_id',
  'before_json',
  'after_json',
  'ip',
  'prev_hash',
  'key_id',
] as const;
/** Canonical JSON's key order (code-unit order), with each key already quoted. */
const sortedFields = [...bodyFields]
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((name) => ({ name, quoted: `${JSON.stringify(name)}:` }));

/**
 * The stored fields of an entry in canonical JSON (src/core/platform/canonical-json.ts): the bytes both schemes
 * below authenticate. Built directly from the flat, scalar fields — the same bytes canonicalJson gives (tested),
 * at a fraction of the cost, which is most of what `verify` spends per entry. key_id is absent (not null) in the
 * legacy scheme, so that legacy hashes stay exactly what they were.
 */
export function entryBody(entry: AuditEntryFields, keyId?: string): string {
  const fields = entry as unknown as Record<string, unknown>;
  let out = '';
  for (const f of sortedFields) {
    const v = f.name === 'key_id' ? keyId : fields[f.name];
    if (v === undefined) continue;
    if (v !== null && typeof v === 'object') {
      // Not a stored row (every column is a scalar): the general form, same rules.
      return canonicalJson({ ...Object.fromEntries(bodyFields.map((n) => [n, fields[n]])), key_id: keyId });
    }
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error('canonicalJson: non-finite number');
    out += `${out === '' ? '{' : ','}${f.quoted}${JSON.stringify(v)}`;
  }
  return out === '' ? '{}' : `${out}}`;
}

/**
 * Entries written before migration 003 (key_id NULL): SHA-256 over the canonical JSON of every field, prev_hash
 * included. Anyone can compute it, so it proves only that nothing changed by accident; such entries are accepted
 * only as a prefix sealed by the keyed entry that follows them (verify-audit-chain.ts).
 */
export function legacyEntryHash(entry: AuditEntryFields): string {
  return createHash('sha256').update(entryBody(entry), 'utf8').digest('hex');
}

/**
 * Entries since migration 003: HMAC-SHA256 with the audit key named by key_id over the same fields plus key_id.
 * Without the key nobody can compute it, so an entry cannot be edited, inserted or re-hashed unnoticed; and
 * since each entry covers its predecessor's hash, neither can anything before it.
 */
export function keyedEntryHash(entry: AuditEntryFields, key: AuditKey): string {
  return createHmac('sha256', key.secret).update(entryBody(entry, key.id), 'utf8').digest('hex');
}

/**
 * MAC of the chain head (seq, hash of the last entry, key id). Entry hashes cannot prove that no entry FOLLOWED
 * the last one; a head MAC that only the key can produce means that cutting entries off the tail and moving the
 * head back needs a copy of that older head taken at the time — which is what the operator's anchor
 * (`gongkai audit anchor`) then catches. The "head" tag keeps it from ever equalling an entry hash.
 */
export function auditHeadMac(head: { seq: number; hash: string }, key: AuditKey): string {
  const body = canonicalJson({ head: 'gongkai.audit-head/1', seq: head.seq, hash: head.hash, key_id: key.id });
  return createHmac('sha256', key.secret).update(body, 'utf8').digest('hex');
}
