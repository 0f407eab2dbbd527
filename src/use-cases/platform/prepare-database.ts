import { countAgencies } from '../../db/repositories/platform/agency-repository.ts';
import { getSetting } from '../../db/repositories/platform/setting-repository.ts';
import type { OpenDatabase } from '../../db/open-database.ts';
import { migrateToLatest } from '../../db/migrate-to-latest.ts';
import type { AuditKeyring } from './audit-keyring.ts';
import { defaultSecurity } from './context.ts';
import { ensureInitialAdmin, reissueBootstrapCodes, type InitialAccount } from './ensure-initial-admin.ts';
import { sealAuditChain } from './seal-audit-chain.ts';
import type { DataKeyring } from '../../security/field-cipher.ts';
import { seedDemo, type SeedResult } from './seed-demo.ts';

export type PrepareResult =
  | { kind: 'existing'; migrations: string[]; demoLoaded: boolean; accounts: InitialAccount[] }
  | { kind: 'demo'; migrations: string[]; demoLoaded: true; seed: SeedResult }
  | { kind: 'empty'; migrations: string[]; demoLoaded: false; accounts: InitialAccount[] };

/** Why a server may not run on a database with demo data, for the operator. */
export class DemoRefused extends Error {}

/**
 * At start: migrate, prepare the job queue, seal the audit chain with the current audit key (seal-audit-chain.ts),
 * then — only on a database without agencies — seed the demo (when `demo` allows it) or the
 * three first administrators. A database that holds demo data (accounts whose password is in the README) is
 * refused unless `demo` allows it: a production configuration can never serve the demo by accident.
 */
export async function prepareDatabase(
  open: OpenDatabase,
  clock: () => Date,
  options: { demo: boolean; auditKeys: AuditKeyring; dataKeys?: DataKeyring },
): Promise<PrepareResult> {
  const migrations = await migrateToLatest(open.db, open.dialect);
  // On PostgreSQL the job queue is graphile-worker's schema; it must exist before any use-case enqueues a job.
  // Loaded only here: graphile-worker is not needed at all on SQLite.
  if (open.pgPool) await (await import('../../jobs/graphile-job-runner.ts')).prepareGraphileQueue(open.pgPool);
  const { auditKeys } = options;
  await sealAuditChain({ db: open.db, clock, actor: null, ip: '', security: defaultSecurity, auditKeys });
  if ((await countAgencies(open.db)) > 0) {
    const demoLoaded = (await getSetting(open.db, 'demo')) !== undefined;
    if (demoLoaded && !options.demo) {
      throw new DemoRefused(
        '该数据库载有演示数据（演示账号的密码公开在 README 中），当前配置不允许运行演示。' +
          '请改用新的空数据库，或在仅供体验的环境中明确设置 GONGKAI_DEMO=1。',
      );
    }
    return {
      kind: 'existing',
      migrations,
      demoLoaded,
      accounts: await reissueBootstrapCodes(open.db, clock, auditKeys),
    };
  }
  if (options.demo)
    return {
      kind: 'demo',
      migrations,
      demoLoaded: true,
      seed: await seedDemo(open.db, clock, auditKeys, options.dataKeys),
    };
  return {
    kind: 'empty',
    migrations,
    demoLoaded: false,
    accounts: await ensureInitialAdmin(open.db, clock, auditKeys),
  };
}
