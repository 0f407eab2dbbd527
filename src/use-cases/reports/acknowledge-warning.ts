import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import type { Finding } from '../../core/check/finding.ts';
import { upsertAcknowledgement } from '../../db/repositories/reports/report-repository.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { reportFor } from './report-access.ts';
import { findingKey } from './report-checks.ts';

export const acknowledgeInput = z.object({
  findingKey: z.string().regex(/^[0-9a-f]{24}$/, '取值无效'),
  reason: z.string().trim().min(2, '请说明理由（至少2个字）').max(1000),
});

/** A warning of the checker stands, for the reason given (issue 9 item 2). Errors cannot be acknowledged. */
export async function acknowledgeWarning(
  ctx: UseCaseContext,
  id: string,
  input: z.infer<typeof acknowledgeInput>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { row } = await reportFor(trx, ctx.actor, id, 'report.edit');
    if (row.state !== 'draft' && row.state !== 'returned') throw new AppError('CONFLICT', '报告已报送，不能再确认提示');
    const finding = (JSON.parse(row.findings_json) as Finding[]).find((f) => findingKey(f) === input.findingKey);
    if (!finding) throw new AppError('NOT_FOUND', '该提示已不存在（报告已更改），请刷新页面');
    if (finding.level !== 'warning')
      throw new AppError('VALIDATION', '错误不能以说明理由代替更正', { findingKey: '只有“提示”可以说明理由' });
    await upsertAcknowledgement(trx, {
      report_id: row.id,
      finding_key: input.findingKey,
      code: finding.code,
      reason: input.reason,
      user_id: ctx.actor?.id ?? null,
      created_at: nowIso(ctx),
    });
    await recordAudit(trx, ctx, {
      action: 'report.acknowledge',
      entity: 'annual_report',
      entityId: row.id,
      after: { code: finding.code, findingKey: input.findingKey, reason: input.reason },
    });
  });
}
