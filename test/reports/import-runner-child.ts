/** A stand-in app server for the import crash test: runs the background work until it is killed. */
import { openDatabase } from '../../src/db/open-database.ts';
import { backgroundWork } from '../../src/jobs/background-work.ts';
import { startJobRunner } from '../../src/jobs/start-job-runner.ts';
import { parseAuditKeys } from '../../src/use-cases/platform/audit-keyring.ts';

const url = process.env['IMPORT_DB_URL']!;
const keys = parseAuditKeys(process.env['GONGKAI_AUDIT_KEY']!, 'env');
if (!keys.ok) throw new Error(keys.problem);
const database = openDatabase(url, { poolSize: 3 });
const quiet = { info() {}, warn() {}, error() {} };
const work = backgroundWork({ db: database.db, clock: () => new Date(), logger: quiet, auditKeys: keys.keyring });
await startJobRunner({ database, tasks: work.tasks, logger: quiet, pollMs: 30, heartbeatMs: 100, concurrency: 1 });
process.stdout.write('ready\n');
