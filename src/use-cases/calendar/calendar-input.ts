import { z } from 'zod';

/** What the notice form sends. Text bounds: a notice has a dozen lines (notice-text.ts bounds the lines too). */
export const holidayNoticeInput = z.object({
  year: z.number({ message: '年份：须为2004至2100之间的整数' }).int().min(2004).max(2100),
  source: z.string().trim().min(1, '通知文号：请填写国务院办公厅通知的文号或标题').max(200),
  daysOff: z.string().max(4000, '放假日期：不能超过4000个字符'),
  makeUpDays: z.string().max(4000, '调休上班日期：不能超过4000个字符').default(''),
  /** The revision the person previewed against: a second submit (or someone else's save) is a CONFLICT. */
  revision: z.number().int().min(0).max(1_000_000),
  /** The warnings were shown and confirmed. */
  confirm: z.boolean().default(false),
});
export type HolidayNoticeInput = z.output<typeof holidayNoticeInput>;

export const withdrawNoticeInput = z.object({
  revision: z.number().int().min(0).max(1_000_000),
});

const dateText = z.string().trim().max(10, '格式应为 YYYY-MM-DD');

export const localClosureInput = z.object({
  /** Empty: the whole site. */
  agencyId: z.string().max(64).default(''),
  from: dateText,
  to: dateText,
  reason: z.string().trim().max(200, '停止办公原因：不能超过200个字符'),
});
export type LocalClosureInput = z.output<typeof localClosureInput>;
