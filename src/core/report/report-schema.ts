/**
 * The report's JSON form, `gongkai.report/1` (docs/report-json.md): a zod schema that is both the runtime
 * validator and the source of the TypeScript types. Keys never change meaning; a blank or unreadable
 * published cell is `null`, never 0.
 */
import { z } from 'zod';
import { REPORT_SCHEMA_ID } from './report-schema-id.ts';

export { REPORT_SCHEMA_ID };

const count = z.number().nullable();
const text = z.string().nullable();

const t3Row = z.object({
  natural: count,
  commercial: count,
  research: count,
  social: count,
  legal: count,
  other: count,
  total: count,
});

const t3Common = {
  new: t3Row,
  carriedOver: t3Row,
  granted: t3Row,
  partial: t3Row,
  denied1: t3Row,
  denied2: t3Row,
  denied3: t3Row,
  denied4: t3Row,
  denied5: t3Row,
  denied6: t3Row,
  denied7: t3Row,
  denied8: t3Row,
  unable1: t3Row,
  unable2: t3Row,
  unable3: t3Row,
  notProcessed1: t3Row,
  notProcessed2: t3Row,
  notProcessed3: t3Row,
  notProcessed4: t3Row,
  notProcessed5: t3Row,
  total: t3Row,
  carryForward: t3Row,
};

export const t3Schema2021 = z.object({ ...t3Common, other1: t3Row, other2: t3Row, other3: t3Row }).strict();
export const t3Schema2019 = z.object({ ...t3Common, other: t3Row }).strict();

const t4Group = z.object({ upheld: count, corrected: count, other: count, pending: count, total: count }).strict();
export const t4Schema = z.object({ review: t4Group, suitDirect: t4Group, suitAfterReview: t4Group }).strict();

const issuedRow = z.object({ issued: count, repealed: count, inForce: count }).strict();
export const t2Schema2021 = z
  .object({
    regulations: issuedRow,
    normativeDocs: issuedRow,
    licensing: count,
    punishment: count,
    enforcement: count,
    fees10kYuan: count,
  })
  .strict();

const madeRow = z.object({ made: count, published: count, total: count }).strict();
const itemRow = z.object({ previous: count, change: count, decisions: count }).strict();
export const t2Schema2019 = z
  .object({
    regulations: madeRow,
    normativeDocs: madeRow,
    licensing: itemRow,
    otherServices: itemRow,
    punishment: itemRow,
    enforcement: itemRow,
    fees: z.object({ previous: count, change: count }).strict(),
    procurement: z.object({ projects: count, amount: text }).strict(),
  })
  .strict();

const sections = z
  .object({ '1': z.string(), '2': z.string(), '3': z.string(), '4': z.string(), '5': z.string(), '6': z.string() })
  .strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期须为 YYYY-MM-DD');
const isoDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/,
    '时间须为 ISO 8601，带时区，如 2026-01-20T14:26:00+08:00',
  );

const header = {
  schema: z.literal(REPORT_SCHEMA_ID),
  year: z.number().int().min(2008).max(2100).nullable(),
  agency: text,
  title: text,
  dated: isoDate.nullable(),
  publishedAt: isoDateTime.nullable(),
  t4: t4Schema,
  sections,
};

export const report2021Schema = z
  .object({ ...header, format: z.literal('2021'), t2: t2Schema2021, t3: t3Schema2021 })
  .strict();
export const report2019Schema = z
  .object({ ...header, format: z.literal('2019'), t2: t2Schema2019, t3: t3Schema2019 })
  .strict();
export const reportSchema = z.discriminatedUnion('format', [report2021Schema, report2019Schema]);

export type Report = z.infer<typeof reportSchema>;
export type Report2021 = z.infer<typeof report2021Schema>;
export type Report2019 = z.infer<typeof report2019Schema>;
export type T3Row = z.infer<typeof t3Row>;
export type T4Row = z.infer<typeof t4Group>;
export type Sections = z.infer<typeof sections>;
