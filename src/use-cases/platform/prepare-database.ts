import { countAgencies } from '../../db/repositories/platform/agency-repository.ts';
import type { OpenDatabase } from '../../db/open-database.ts';
import { migrateToLatest } from '../../db/migrate-to-latest.ts';
import type { AuditKeyring } from './audit-keyring.ts';
import { defaultSecurity } from './context.ts';
import { ensureInitialAdmin, type InitialAccount } from './ensure-initial-admin.ts';
import { sealAuditChain } from './seal-audit-chain.ts';
import { seedDemo, type SeedResult } from './seed-demo.ts';

export type PrepareResult =
  | { kind: 'existing'; migrations: string[] }
  | { kind: 'demo'; migrations: string[]; seed: SeedResult }
  | { kind: 'empty'; migrations: string[]; accounts: InitialAccount[] };

/**
 * At start: migrate, prepare the job queue, seal the audit chain with the current audit key (seal-audit-chain.ts), then — only on a
 * database without agencies — seed the demo or the first administrator.
 */
export async function prepareDatabase(
  open: OpenDatabase,
  clock: () => Date,
  options: { demo: boolean; adminPassword: string | undefined; auditKeys: AuditKeyring },
): Promise<PrepareResult> {
  const migrations = await migrateToLatest(open.db, open.dialect);
  // On PostgreSQL the job queue is graphile-worker's schema; it must exist before any use-case enqueues a job.
  // Loaded only here: graphile-worker is not needed at all on SQLite.
  if (open.pgPool) await (await import('../../jobs/graphile-job-runner.ts')).prepareGraphileQueue(open.pgPool);
  const { auditKeys } = options;
  await sealAuditChain({ db: open.db, clock, actor: null, ip: '', security: defaultSecurity, auditKeys });
  if ((await countAgencies(open.db)) > 0) return { kind: 'existing', migrations };
  if (options.demo) return { kind: 'demo', migrations, seed: await seedDemo(open.db, clock, auditKeys) };
  return {
    kind: 'empty',
    migrations,
    accounts: await ensureInitialAdmin(open.db, clock, options.adminPassword, auditKeys),
  };
}
