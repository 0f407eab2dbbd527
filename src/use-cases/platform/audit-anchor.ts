/**
 * An anchor: the sequence number and hash of one audit entry, written down OUTSIDE the database by the operator
 * (`gongkai audit anchor` prints it; `gongkai audit verify --expect SEQ:HASH` checks it). Every entry's hash
 * covers all entries before it, so an anchor fixes the whole log up to SEQ: if entries up to SEQ are cut off,
 * rewritten or re-signed — even by someone who holds the audit key — the anchor no longer matches.
 *
 * Format: one line `SEQ:HASH`, SEQ a decimal integer ≥ 1, HASH 64 lowercase hexadecimal digits, e.g.
 * `1024:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`.
 */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export function formatAnchor(anchor: AuditAnchor): string {
  return `${anchor.seq}:${anchor.hash}`;
}

/** Parses `SEQ:HASH`; null when the text is not an anchor. */
export function parseAnchor(text: string): AuditAnchor | null {
  const m = /^([1-9]\d{0,14}):([0-9a-fA-F]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]!.toLowerCase() } : null;
}
