import { auditBatch, auditHead } from '../../db/repositories/platform/audit-repository.ts';
import type { AuditAnchor } from './audit-anchor.ts';
import { AuditChainChecker, type ChainVerdict, type CheckedHead, type CheckedRow } from './audit-chain-checker.ts';
import type { AuditKeyring } from './audit-keyring.ts';
import type { UseCaseContext } from './context.ts';

export type { ChainProblem, ChainVerdict } from './audit-chain-checker.ts';

/**
 * Walks the whole audit chain from seq 1 with the configured audit keys and reports the first broken link
 * (audit-chain-checker.ts has the rules). `expect`: anchors the operator kept outside the database; the log must
 * still contain each of them unchanged.
 */
export async function verifyAuditChain(
  ctx: Pick<UseCaseContext, 'db' | 'auditKeys'>,
  options: { expect?: readonly AuditAnchor[]; batchSize?: number } = {},
): Promise<ChainVerdict> {
  const batchSize = options.batchSize ?? 2000;
  const checker = new AuditChainChecker(ctx.auditKeys, options.expect);
  let after = 0;
  for (;;) {
    const rows = await auditBatch(ctx.db, after, batchSize);
    for (const row of rows) {
      const broken = checker.add(row);
      if (broken) return broken;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) break;
    after = last.seq;
  }
  return checker.finish(await auditHead(ctx.db));
}

/** The same check over rows read elsewhere (a PostgreSQL dump before it is restored), in any order. */
export function verifyAuditRows(
  auditKeys: AuditKeyring,
  rows: CheckedRow[],
  head: CheckedHead | null,
  expect: readonly AuditAnchor[] = [],
): ChainVerdict {
  const checker = new AuditChainChecker(auditKeys, expect);
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    const broken = checker.add(row);
    if (broken) return broken;
  }
  return checker.finish(head);
}
