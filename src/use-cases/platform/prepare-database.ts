import { countAgencies } from '../../db/repositories/platform/agency-repository.ts';
import { getSetting } from '../../db/repositories/platform/setting-repository.ts';
import type { OpenDatabase } from '../../db/open-database.ts';
import { migrateToLatest } from '../../db/migrate-to-latest.ts';
import { ensureInitialAdmin, reissueBootstrapCodes, type InitialAccount } from './ensure-initial-admin.ts';
import { seedDemo, type SeedResult } from './seed-demo.ts';

export type PrepareResult =
  | { kind: 'existing'; migrations: string[]; demoLoaded: boolean; accounts: InitialAccount[] }
  | { kind: 'demo'; migrations: string[]; demoLoaded: true; seed: SeedResult }
  | { kind: 'empty'; migrations: string[]; demoLoaded: false; accounts: InitialAccount[] };

/** Why a server may not run on a database with demo data, for the operator. */
export class DemoRefused extends Error {}

/**
 * At start: migrate, then — only on a database without agencies — seed the demo (when `demo` allows it) or the
 * three first administrators. A database that holds demo data (accounts whose password is in the README) is
 * refused unless `demo` allows it: a production configuration can never serve the demo by accident.
 */
export async function prepareDatabase(
  open: OpenDatabase,
  clock: () => Date,
  options: { demo: boolean },
): Promise<PrepareResult> {
  const migrations = await migrateToLatest(open.db, open.dialect);
  if ((await countAgencies(open.db)) > 0) {
    const demoLoaded = (await getSetting(open.db, 'demo')) !== undefined;
    if (demoLoaded && !options.demo) {
      throw new DemoRefused(
        '该数据库载有演示数据（演示账号的密码公开在 README 中），当前配置不允许运行演示。' +
          '请改用新的空数据库，或在仅供体验的环境中明确设置 GONGKAI_DEMO=1。',
      );
    }
    return { kind: 'existing', migrations, demoLoaded, accounts: await reissueBootstrapCodes(open.db, clock) };
  }
  if (options.demo) return { kind: 'demo', migrations, demoLoaded: true, seed: await seedDemo(open.db, clock) };
  return { kind: 'empty', migrations, demoLoaded: false, accounts: await ensureInitialAdmin(open.db, clock) };
}
