import type { ChainVerdict } from './audit-chain-checker.ts';
import type { UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';

export interface RestoreRecord {
  /** The backup file, and its SHA-256 so that the very file can be identified later. */
  source: string;
  sourceSha256: string;
  /** The backup's audit chain as verified before it was restored. */
  verdict: ChainVerdict;
  forced: boolean;
  /** Where the replaced database was kept (SQLite), if anywhere. */
  previous: string | null;
  /** Who ran it: the operating-system user of the command line. */
  operator: string;
}

/**
 * Writes the restore itself into the restored database's audit trail, signed with the current key: from then on
 * the log says which file it came from, whether its chain verified, and whether the operator forced it.
 */
export async function recordRestore(ctx: UseCaseContext, r: RestoreRecord): Promise<number> {
  const v = r.verdict;
  return ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      action: 'system.restored',
      entity: 'database',
      entityId: null,
      actorLabel: `命令行 gongkai restore（操作系统用户 ${r.operator}）`,
      after: {
        source: r.source,
        sourceSha256: r.sourceSha256,
        chain: v.ok
          ? { verified: true, entries: v.entries, head: `${v.entries}:${v.headHash}`, legacyEntries: v.legacyEntries }
          : { verified: false, code: v.code, brokenSeq: v.brokenSeq, problem: v.problem },
        forced: r.forced,
        previous: r.previous,
      },
    }),
  );
}
