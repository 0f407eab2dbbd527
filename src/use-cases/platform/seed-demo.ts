import { addAgency, addUser } from './add-records.ts';
import { setSetting } from '../../db/repositories/platform/setting-repository.ts';
import { insertSubmissionOnce } from '../../db/repositories/platform/submission-repository.ts';
import { isAdminRole } from '../../core/platform/roles.ts';
import type { Db } from '../../db/schema.ts';
import type { DataKeyring } from '../../security/field-cipher.ts';
import { seedDemoCases } from '../cases/seed-demo-cases.ts';
import { seedDemoReports } from '../reports/seed-demo-reports.ts';
import type { AuditKeyring } from './audit-keyring.ts';
import { defaultSecurity, type UseCaseContext } from './context.ts';
import {
  demoAgencies,
  demoCreditCode,
  demoOfficeHours,
  demoPassword,
  demoSubmissions,
  demoUsers,
} from './demo-district.ts';
import { hashPassword } from './password-hash.ts';
import { recordAudit } from './record-audit.ts';
import { newId, newSecret } from './session-token.ts';
import { seedDemoPublication } from '../publication/seed-demo-publication.ts';

export interface SeedResult {
  logins: { login: string; displayName: string; roles: string[]; agency: string }[];
  password: string;
}

/**
 * Fills an empty database with the demo district in one transaction, each record audited like any other
 * change (actor 系统（演示数据）). Marked demo on every row and in app_settings.demo.
 */
export async function seedDemo(
  db: Db,
  clock: () => Date,
  auditKeys: AuditKeyring,
  dataKeys?: DataKeyring,
): Promise<SeedResult> {
  const ctx: UseCaseContext = { db, clock, actor: null, ip: '', security: defaultSecurity, auditKeys };
  const label = '系统（演示数据）';
  const at = clock().toISOString();
  const hashes = await Promise.all(demoUsers.map(() => hashPassword(demoPassword)));
  const ids = new Map<string, { id: string; path: string; name: string }>();

  await db.transaction().execute(async (trx) => {
    for (const [i, a] of demoAgencies.entries()) {
      const id = newId();
      const parent = a.parentKey ? ids.get(a.parentKey) : undefined;
      const path = `${parent?.path ?? '/'}${id}/`;
      ids.set(a.key, { id, path, name: a.name });
      await addAgency(
        trx,
        ctx,
        {
          id,
          parent_id: parent?.id ?? null,
          path,
          name: a.name,
          code: demoCreditCode(a.kind === 'city' ? '320200' : '320211', a.orgBody),
          kind: a.kind,
          address: a.address,
          postcode: a.postcode,
          office_hours: demoOfficeHours,
          phone: a.phone,
          fax: a.fax,
          online_channel: '暂未开通网上申请，请以信函、当面或电子邮件方式提出申请',
          email: `gk${a.orgBody}@example.gov.cn`,
          report_deadline: '01-31',
          sort_order: i,
          is_demo: 1,
        },
        label,
      );
    }
    for (const [i, u] of demoUsers.entries()) {
      const agency = ids.get(u.agencyKey);
      if (!agency) throw new Error(`demo user ${u.login}: unknown agency ${u.agencyKey}`);
      await addUser(
        trx,
        ctx,
        {
          id: newId(),
          login: u.login,
          display_name: u.displayName,
          password_hash: hashes[i] ?? '',
          agency_id: agency.id,
          roles: JSON.stringify(u.roles),
          // The demo password is public: an administrator of the demo must replace it before anything else.
          must_change_password: u.roles.some(isAdminRole) ? 1 : 0,
          is_demo: 1,
        },
        label,
      );
    }
    for (const s of demoSubmissions) {
      const agency = ids.get(s.agencyKey);
      if (!agency) continue;
      const { row } = await insertSubmissionOnce(trx, {
        id: newId(),
        idempotency_key: newSecret(),
        agency_id: agency.id,
        kind: s.kind,
        page_url: '',
        content: s.content,
        contact_name: s.contactName,
        contact: '',
        status: 'new',
        ip: '',
        created_at: at,
      });
      await recordAudit(trx, ctx, {
        action: 'submission.create',
        entity: 'public_submission',
        entityId: row.id,
        actorLabel: label,
        after: { agency_id: row.agency_id, kind: row.kind, idempotency_key: row.idempotency_key },
      });
    }
    await setSetting(trx, 'demo', JSON.stringify({ seededAt: at }));
  });
  if (dataKeys) await seedDemoCases({ ...ctx, dataKeys });
  await seedDemoPublication(db, clock, auditKeys);
  if (dataKeys) await seedDemoReports({ ...ctx, dataKeys });

  return {
    password: demoPassword,
    logins: demoUsers.map((u) => ({
      login: u.login,
      displayName: u.displayName,
      roles: u.roles,
      agency: ids.get(u.agencyKey)?.name ?? '',
    })),
  };
}
