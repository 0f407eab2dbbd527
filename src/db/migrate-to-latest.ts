import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { platformMigration } from './migrations/001-platform.ts';
import { rateLimitMigration } from './migrations/002-rate-limits.ts';
import { auditAnchorMigration } from './migrations/003-audit-anchor.ts';
import { accountActivationMigration } from './migrations/004-account-activation.ts';
import { blobsMigration } from './migrations/005-blobs.ts';
import { searchIndexMigration } from './migrations/008-search-index.ts';
import { jobsMigration } from './migrations/010-jobs.ts';
import { casesMigration } from './migrations/011-cases.ts';
import { calendarMigration } from './migrations/012-calendar.ts';
import { notificationsMigration } from './migrations/013-notifications.ts';
import { noticeTemplatesMigration } from './migrations/014-notice-templates.ts';
import { publicationMigration } from './migrations/015-publication.ts';
import { reportsMigration } from './migrations/017-reports.ts';
import { reportImportsMigration } from './migrations/018-report-imports.ts';
import { caseRemindersMigration } from './migrations/019-case-reminders.ts';
import { searchFilterColumnsMigration } from './migrations/020-search-filter-columns.ts';
import { publicationSettingsMigration } from './migrations/021-publication-settings.ts';
import { caseScaleIndexesMigration } from './migrations/022-case-scale-indexes.ts';
import { userEmailMigration } from './migrations/023-user-email.ts';
import type { Db } from './schema.ts';
import type { Dialect } from './open-database.ts';

/** All migrations, in order, in code (no file-system scan: works the same from tsx, a bundle or a test). */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001-platform': platformMigration(dialect),
    '002-rate-limits': rateLimitMigration(),
    '003-audit-anchor': auditAnchorMigration(dialect),
    '004-account-activation': accountActivationMigration(),
    '005-blobs': blobsMigration(dialect),
    '008-search-index': searchIndexMigration(dialect),
    '010-jobs': jobsMigration(dialect),
    '011-cases': casesMigration(),
    '012-calendar': calendarMigration(),
    '013-notifications': notificationsMigration(),
    '014-notice-templates': noticeTemplatesMigration(),
    '015-publication': publicationMigration(),
    '017-reports': reportsMigration(),
    '018-report-imports': reportImportsMigration(),
    '019-case-reminders': caseRemindersMigration(),
    '020-search-filter-columns': searchFilterColumnsMigration(dialect),
    '021-publication-settings': publicationSettingsMigration(),
    '022-case-scale-indexes': caseScaleIndexesMigration(),
    '023-user-email': userEmailMigration(),
  };
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new InCodeProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
