import { isAdminRole, type Role } from '../../core/platform/roles.ts';
import { findAgency } from '../../db/repositories/platform/agency-repository.ts';
import { insertCases } from '../../db/repositories/cases/case-repository.ts';
import { allStaff } from '../../db/repositories/cases/case-staff-repository.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { requireDataKeys } from './applicant-data.ts';
import { calendarForAgency } from './case-calendar.ts';
import { today } from './case-record.ts';
import { generateCases, type DemoAgency } from './demo-case-generator.ts';

/**
 * A year of applications in the demo district (issue 7 item 14), so that every list, case page and table is alive
 * on `npm start`: about 40 per agency with a 承办人, across every outcome, channel and applicant type, with open,
 * overdue, extended, paused, awaiting-correction and appealed cases. One audit entry records the seeding.
 */
export async function seedDemoCases(ctx: UseCaseContext, perAgency = 40): Promise<number> {
  const keys = requireDataKeys(ctx);
  const staff = await allStaff(ctx.db);
  const byAgency = new Map<string, DemoAgency>();
  for (const s of staff) {
    const roles = JSON.parse(s.roles) as Role[];
    if (roles.some(isAdminRole)) continue;
    const a = byAgency.get(s.agency_id) ?? { id: s.agency_id, handlers: [], head: '' };
    if (roles.includes('handler')) a.handlers.push({ id: s.id, name: s.display_name });
    if (roles.includes('head')) a.head = s.display_name;
    byAgency.set(s.agency_id, a);
  }
  const agencies = [...byAgency.values()]
    .filter((a) => a.handlers.length > 0)
    .map((a) => ({ ...a, head: a.head || '机构负责人' }));
  if (agencies.length === 0) return 0;
  const first = await findAgency(ctx.db, agencies[0]!.id);
  const calendar = await calendarForAgency(ctx.db, first?.path ?? '/');
  const { rows, events } = generateCases({
    keys,
    calendar,
    agencies,
    perAgency,
    today: today(ctx),
    at: nowIso(ctx),
    demo: true,
  });
  await ctx.db.transaction().execute(async (trx) => {
    await insertCases(trx, rows, events);
    await recordAudit(trx, ctx, {
      action: 'case.seedDemo',
      entity: 'case',
      entityId: null,
      actorLabel: '系统（演示数据）',
      after: { cases: rows.length, events: events.length },
    });
  });
  return rows.length;
}
