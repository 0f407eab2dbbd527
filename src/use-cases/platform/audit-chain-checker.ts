import type { AuditLogRow } from '../../db/schema.ts';
import type { AuditAnchor } from './audit-anchor.ts';
import { auditHeadMac, genesisHash, keyedEntryHash, legacyEntryHash } from './audit-hash.ts';
import { keyIndex, type AuditKeyring } from './audit-keyring.ts';

/** Why a chain does not verify; the Chinese `problem` says the same for people. */
export type ChainProblem =
  | 'gap' // a sequence number is missing: an entry was deleted
  | 'link' // prev_hash is not the previous entry's hash: entries removed, inserted or replaced
  | 'content' // the entry's content no longer gives its hash: edited (or re-hashed without the key)
  | 'unknown-key' // signed with a key id the keyring does not hold: forged, or the key is not configured
  | 'retired-key' // signed with a key older than one already used before it
  | 'downgrade' // an unsigned (legacy) entry after signed ones
  | 'unsealed' // only unsigned entries: nothing binds them to a key
  | 'empty' // no entries at all
  | 'head-missing'
  | 'head' // the head does not point at the last entry
  | 'head-mac' // the head's MAC is wrong: moved or rewritten without the key
  | 'truncated' // fewer entries than an anchor names
  | 'diverged'; // the entry an anchor names has another hash

export type ChainVerdict =
  | {
      ok: true;
      entries: number;
      headHash: string;
      /** Entries 1..legacyEntries predate the audit key (plain SHA-256), sealed by the keyed entry after them. */
      legacyEntries: number;
      /** Ids of the keys that signed entries, in chain order. */
      keyIds: string[];
      anchorsChecked: number;
    }
  | {
      ok: false;
      /** Entries before the break that verified. */
      entries: number;
      brokenSeq: number;
      code: ChainProblem;
      problem: string;
      legacyEntries: number;
    };

/** A stored entry; key_id is absent when the database predates migration 003 (a backup or a dump). */
export type CheckedRow = Omit<AuditLogRow, 'key_id'> & { key_id?: string | null };

export interface CheckedHead {
  seq: number;
  hash: string;
  keyId: string | null;
  mac: string | null;
}

/**
 * Walks an audit chain entry by entry (from the database in batches, or from a PostgreSQL dump before it is
 * restored) and reports the first broken link. Rules:
 * - seq runs 1, 2, 3 … with no gap; each prev_hash is the previous entry's hash (genesis: 64 zeros);
 * - an entry with a key id has HMAC-SHA256 with that key as its hash; key ids never go back to an older key;
 * - entries without a key id (written before migration 003) verify as plain SHA-256, but only as a prefix
 *   followed by at least one keyed entry — whose MAC covers the last legacy hash and so seals them all;
 * - the head names the last entry, with a MAC by that entry's key;
 * - every anchor (SEQ:HASH kept by the operator outside the database) names an entry that exists with that hash.
 */
export class AuditChainChecker {
  private expectedSeq = 1;
  private prevHash = genesisHash;
  private legacy = 0;
  private lastKeyIndex = -1;
  private lastKeyId: string | null = null;
  private readonly keyIds: string[] = [];
  private readonly anchors: Map<number, string>;

  constructor(
    private readonly keys: AuditKeyring,
    anchors: readonly AuditAnchor[] = [],
  ) {
    this.anchors = new Map(anchors.map((a) => [a.seq, a.hash]));
  }

  /** Checks the next entry; returns the verdict when the chain breaks here, else null. */
  add(row: CheckedRow): ChainVerdict | null {
    const seq = row.seq;
    if (seq !== this.expectedSeq) {
      return this.broken(this.expectedSeq, 'gap', `缺少序号 ${this.expectedSeq} 的条目（下一条为 ${seq}）：条目被删除`);
    }
    if (row.prev_hash !== this.prevHash) {
      return this.broken(
        seq,
        'link',
        `序号 ${seq} 记录的前序哈希 ${short(row.prev_hash)} 与序号 ${seq - 1} 的哈希 ${short(this.prevHash)} 不符：前序条目被替换或删除`,
      );
    }
    const keyId = row.key_id ?? null;
    let computed: string;
    if (keyId === null) {
      if (this.lastKeyId !== null) {
        return this.broken(
          seq,
          'downgrade',
          `序号 ${seq} 是没有密钥签名的旧式条目，却排在已签名的条目之后：条目被按可公开计算的 SHA-256 伪造或改写`,
        );
      }
      computed = legacyEntryHash(row);
      this.legacy++;
    } else {
      const index = keyIndex(this.keys, keyId);
      const key = this.keys.keys[index];
      if (!key) {
        return this.broken(
          seq,
          'unknown-key',
          `序号 ${seq} 由密钥“${keyId}”签名，但配置的审计密钥中没有该编号：条目被伪造，或校验时未提供该密钥（GONGKAI_AUDIT_KEY / GONGKAI_AUDIT_KEY_FILE）`,
        );
      }
      if (index < this.lastKeyIndex) {
        return this.broken(
          seq,
          'retired-key',
          `序号 ${seq} 由已轮换的旧密钥“${keyId}”签名，而此前的条目已使用“${this.lastKeyId ?? ''}”：条目被伪造`,
        );
      }
      computed = keyedEntryHash(row, key);
      if (this.lastKeyId !== keyId) this.keyIds.push(keyId);
      this.lastKeyIndex = index;
      this.lastKeyId = keyId;
    }
    if (computed !== row.hash) {
      return this.broken(
        seq,
        'content',
        `序号 ${seq}（${row.at}，${row.action}）的内容与其哈希不符：存储 ${short(row.hash)}，按内容重算 ${short(computed)}，条目内容被修改`,
      );
    }
    const anchored = this.anchors.get(seq);
    if (anchored !== undefined && anchored !== row.hash) {
      return this.broken(
        seq,
        'diverged',
        `序号 ${seq} 的哈希 ${short(row.hash)} 与锚点记录的 ${short(anchored)} 不符：该条目或此前的条目在记下锚点之后被改写（改写者持有审计密钥，或整条链被替换）`,
      );
    }
    this.prevHash = row.hash;
    this.expectedSeq++;
    return null;
  }

  /**
   * After the last entry: the anchors, the head, the legacy seal, the head's MAC. A chain of legacy entries only
   * that is otherwise consistent ends in 'unsealed' (a restore of a backup from before migration 003 accepts it).
   */
  finish(head: CheckedHead | null): ChainVerdict {
    const entries = this.expectedSeq - 1;
    for (const seq of [...this.anchors.keys()].sort((a, b) => b - a)) {
      if (seq > entries) {
        return this.broken(
          entries + 1,
          'truncated',
          `锚点记录了序号 ${seq}，但审计日志现在只有 ${entries} 条：记下锚点之后，日志被截断`,
        );
      }
    }
    if (entries === 0) {
      return this.broken(1, 'empty', '审计日志没有任何条目：数据库从未启动过，或条目连同链头被全部删除');
    }
    if (!head) return this.broken(entries + 1, 'head-missing', '链头记录（audit_head）不存在：被删除');
    if (head.seq !== entries || head.hash !== this.prevHash) {
      return this.broken(
        entries + 1,
        'head',
        `链头记录为序号 ${head.seq}（哈希 ${short(head.hash)}），但最后一条为序号 ${entries}（哈希 ${short(this.prevHash)}）：链尾条目被删除，或链头被改动`,
      );
    }
    if (this.lastKeyId === null) {
      return this.broken(
        entries + 1,
        'unsealed',
        `全部 ${entries} 条都是没有密钥签名的旧式条目（SHA-256，任何人都能重算），没有密钥条目封存它们：` +
          '若数据库刚从旧版本升级，启动一次服务即写入封存条目；否则日志已被按旧算法整体改写',
      );
    }
    const key = this.keys.keys[this.lastKeyIndex];
    if (!key || head.keyId !== this.lastKeyId || head.mac !== auditHeadMac({ seq: head.seq, hash: head.hash }, key)) {
      return this.broken(
        entries + 1,
        'head-mac',
        `链头（序号 ${head.seq}）的密钥签名不符：链头被改写——可能删除了链尾条目后把链头移回`,
      );
    }
    return {
      ok: true,
      entries,
      headHash: this.prevHash,
      legacyEntries: this.legacy,
      keyIds: [...this.keyIds],
      anchorsChecked: this.anchors.size,
    };
  }

  private broken(brokenSeq: number, code: ChainProblem, problem: string): ChainVerdict {
    return { ok: false, entries: this.expectedSeq - 1, brokenSeq, code, problem, legacyEntries: this.legacy };
  }
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
