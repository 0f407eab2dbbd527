import { z } from 'zod';
import { validityStatuses } from '../../core/publication/validity.ts';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    '日期无效',
  );
const optionalDate = z.union([z.literal('').transform(() => undefined), isoDate]).optional();
const optionalId = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9_-]*$/, '编号无效')
  .optional()
  .transform((s) => (s ? s : undefined));

/** The metadata and body staff enter for an item (条例第二十条; the metadata table of the portal). */
export const itemInput = z.object({
  catalogue: z.string().trim().min(1, '请选择栏目').max(40),
  title: z.string().trim().min(2, '标题不少于2个字').max(200, '标题不超过200字'),
  docNumber: z.string().trim().max(60, '文号过长').default(''),
  writtenOn: optionalDate,
  changedOn: optionalDate,
  topic: z.string().trim().max(40, '主题分类过长').default(''),
  publisher: z.string().trim().max(60, '发布机构过长').default(''),
  source: z.string().trim().max(60, '来源过长').default(''),
  validityStatus: z.enum(validityStatuses, { message: '请选择有效性' }).default('in_force'),
  effectiveFrom: optionalDate,
  validUntil: optionalDate,
  endedOn: optionalDate,
  /** HTML as pasted; sanitized before it is stored. */
  bodyHtml: z.string().max(2_000_000, '正文过长').default(''),
  interpretsId: optionalId,
  replacesId: optionalId,
});

export type ItemInput = z.infer<typeof itemInput>;

export const itemUpdateInput = itemInput.extend({ version: z.number().int().min(1) });
export type ItemUpdateInput = z.infer<typeof itemUpdateInput>;
