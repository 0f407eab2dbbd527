import { sql, type Kysely } from 'kysely';

/**
 * 三员分立 without a way around it (issue 6, items 4 and 6).
 *
 * `account_requests`: a change that gives someone access — a new account, a role or agency change, a password
 * reset — is requested by one administrator and approved by an administrator of the other kind. A request that
 * ends in a credential carries a one-time activation code in two halves: the requester is shown the first, the
 * approver the second, and only the person who receives both sets the password. Only SHA-256 hashes of the
 * halves are stored; the code expires and is used once.
 *
 * `login_failures`: failed (or still running) sign-in attempts per client address and login name, counted over
 * a sliding window to throttle guessing per address — instead of the per-account lock, which anyone could
 * trigger to lock staff out. The old lock columns of `users` are cleared and no longer used.
 */
export function accountActivationMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('account_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('roles', 'text')
        .addColumn('agency_id', 'text', (c) => c.references('agencies.id').onDelete('restrict'))
        .addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('restrict'))
        .addColumn('requester_role', 'text')
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.references('users.id').onDelete('restrict'))
        .addColumn('decided_at', 'text')
        .addColumn('code1_hash', 'text')
        .addColumn('code2_hash', 'text')
        .addColumn('code_expires_at', 'text')
        .addColumn('code_used_at', 'text')
        .execute();
      await db.schema.createIndex('account_requests_user_idx').on('account_requests').column('user_id').execute();
      await db.schema.createIndex('account_requests_status_idx').on('account_requests').column('status').execute();
      // At most one open request of each kind per account: two administrators racing cannot leave two codes alive.
      await sql`CREATE UNIQUE INDEX account_requests_one_pending
        ON account_requests (user_id, kind) WHERE status = 'pending'`.execute(db);

      await db.schema
        .createTable('login_failures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('login', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_failures_ip_idx').on('login_failures').columns(['ip', 'at']).execute();
      await db.schema
        .createIndex('login_failures_ip_login_idx')
        .on('login_failures')
        .columns(['ip', 'login', 'at'])
        .execute();
      await db.schema.createIndex('login_failures_login_idx').on('login_failures').column('login').execute();

      await sql`UPDATE users SET failed_attempts = 0, locked_until = NULL`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('login_failures').ifExists().execute();
      await db.schema.dropTable('account_requests').ifExists().execute();
    },
  };
}
