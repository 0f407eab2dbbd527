import { z } from 'zod';
import { AppError } from '../../core/platform/app-error.ts';
import { upsertBusinessCounts, type MonthCounts } from '../../db/repositories/reports/business-count-repository.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { csvRows, parseSheetRows, xlsxRows, yuanToFen } from './business-count-sheet.ts';
import { agencyFor } from './report-access.ts';

const monthField = z.string().max(20).default('');

/** The monthly entry form: m<N>l (许可), m<N>p (处罚), m<N>e (强制), m<N>f (收费, 元) for N = 1…12. */
export const businessFormInput = z.object(
  Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => i + 1).flatMap((m) =>
      ['l', 'p', 'e', 'f'].map((k) => [`m${m}${k}`, monthField]),
    ),
  ),
);

export function monthsFromForm(values: Record<string, string>): MonthCounts[] {
  const fields: Record<string, string> = {};
  const months: MonthCounts[] = [];
  const int = (name: string): number => {
    const t = (values[name] ?? '').trim();
    if (t === '') return 0;
    if (!/^\d{1,9}$/.test(t)) fields[name] = '应为不小于0的整数';
    return Number(t) || 0;
  };
  for (let m = 1; m <= 12; m++) {
    const fen = yuanToFen(values[`m${m}f`] ?? '');
    if (fen === undefined) fields[`m${m}f`] = `${m}月收费金额应为金额（元），最多两位小数`;
    months.push({
      month: m,
      licensing: int(`m${m}l`),
      punishment: int(`m${m}p`),
      enforcement: int(`m${m}e`),
      feesFen: fen ?? 0,
    });
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', undefined, fields);
  return months;
}

/** Saves an agency's monthly counts of a year (the form, or a checked import). Audited. */
export async function saveBusinessCounts(
  ctx: UseCaseContext,
  agencyId: string,
  year: number,
  months: readonly MonthCounts[],
  source: 'form' | 'import',
): Promise<void> {
  if (!Number.isInteger(year) || year < 2021 || year > 2100)
    throw new AppError('VALIDATION', undefined, { year: '年度无效' });
  const agency = await agencyFor(ctx.db, ctx.actor, agencyId, 'report.edit');
  await ctx.db.transaction().execute(async (trx) => {
    await upsertBusinessCounts(trx, agency.id, year, months, ctx.actor?.id ?? null, nowIso(ctx));
    await recordAudit(trx, ctx, {
      action: source === 'form' ? 'report.businessCounts.save' : 'report.businessCounts.import',
      entity: 'business_counts',
      entityId: `${agency.id}/${year}`,
      after: { months },
    });
  });
}

/**
 * Imports a filled-in template (CSV or XLSX, told apart by content). All rows are checked first; with any bad row
 * nothing is saved and every bad row is listed (`fields.file` joins them; `rows` in the error has them one by one).
 */
export async function importBusinessCounts(
  ctx: UseCaseContext,
  agencyId: string,
  year: number,
  bytes: Uint8Array,
): Promise<{ months: number }> {
  await agencyFor(ctx.db, ctx.actor, agencyId, 'report.edit');
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  let rows: string[][];
  try {
    rows = isZip ? await xlsxRows(bytes) : csvRows(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new AppError('VALIDATION', '无法读取文件：请上传由模板填写的 CSV（UTF-8）或 XLSX 文件', {
      file: '无法读取文件：请上传由模板填写的 CSV（UTF-8）或 XLSX 文件',
    });
  }
  const parsed = parseSheetRows(rows);
  if (parsed.errors.length > 0) {
    const list = parsed.errors.slice(0, 50).map((e) => e.message);
    if (parsed.errors.length > 50) list.push(`……另有${parsed.errors.length - 50}行有误`);
    throw new AppError(
      'VALIDATION',
      '导入的文件有误，未保存任何数据',
      Object.fromEntries(list.map((m, i) => [`row${i}`, m])),
    );
  }
  await saveBusinessCounts(ctx, agencyId, year, parsed.months, 'import');
  return { months: parsed.months.length };
}
