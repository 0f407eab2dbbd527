import { auditBatch, auditHead } from '../../db/repositories/platform/audit-repository.ts';
import type { Db } from '../../db/schema.ts';
import { auditEntryHash, genesisHash } from './audit-hash.ts';

export type ChainVerdict =
  { ok: true; entries: number; headHash: string } | { ok: false; entries: number; brokenSeq: number; problem: string };

/**
 * Walks the whole audit chain from seq 1 and reports the first broken link: a gap in the sequence (an entry
 * deleted), a prev_hash that is not the previous entry's hash (entries removed or replaced), an entry whose
 * content no longer gives its hash (edited), or a head that does not match the last entry (the tail cut off).
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let prevHash = genesisHash;
  let after = 0;
  for (;;) {
    const rows = await auditBatch(db, after, batchSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return broken(
          expectedSeq - 1,
          expectedSeq,
          `缺少序号 ${expectedSeq} 的条目（下一条为 ${row.seq}）：条目被删除`,
        );
      }
      if (row.prev_hash !== prevHash) {
        return broken(
          expectedSeq - 1,
          row.seq,
          `序号 ${row.seq} 记录的前序哈希 ${short(row.prev_hash)} 与序号 ${row.seq - 1} 的哈希 ${short(prevHash)} 不符：前序条目被替换或删除`,
        );
      }
      const computed = auditEntryHash(row);
      if (computed !== row.hash) {
        return broken(
          expectedSeq - 1,
          row.seq,
          `序号 ${row.seq}（${row.at}，${row.action}）的内容与其哈希不符：存储 ${short(row.hash)}，按内容重算 ${short(computed)}，条目内容被修改`,
        );
      }
      prevHash = row.hash;
      expectedSeq++;
      after = row.seq;
    }
    if (rows.length < batchSize) break;
  }
  const entries = expectedSeq - 1;
  const head = await auditHead(db);
  if (head.seq !== entries || head.hash !== prevHash) {
    return broken(
      entries,
      entries + 1,
      `链头记录为序号 ${head.seq}（哈希 ${short(head.hash)}），但最后一条为序号 ${entries}（哈希 ${short(prevHash)}）：链尾条目被删除`,
    );
  }
  return { ok: true, entries, headHash: prevHash };
}

function broken(entries: number, brokenSeq: number, problem: string): ChainVerdict {
  return { ok: false, entries, brokenSeq, problem };
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
