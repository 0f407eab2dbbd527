import { Hono } from 'hono';
import { agencyTables, agencyTablesInput } from '../../../use-cases/cases/agency-tables.ts';
import type { AppEnv } from '../../app-env.ts';
import { parseInput } from '../../http/parse-input.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import { requireStaff } from '../../middleware/require-staff.ts';

/** /api/v1 routes of 依申请公开: tables 3 and 4 for the annual report. */
export function caseApiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.get('/agencies/:id/tables', requireStaff('api'), async (c) => {
    const q = c.req.query();
    const input = parseInput(agencyTablesInput, { year: q['year'], subtree: q['subtree'] ?? '' });
    return c.json(await agencyTables(useCaseContext(c), c.req.param('id'), input));
  });
  return api;
}
