import { z } from 'zod';
import { reportSchema } from './report-schema.ts';

/** The published JSON Schema of `gongkai.report/1` (docs/report.schema.json), generated from the validator. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(reportSchema, { target: 'draft-2020-12' }),
    $id: 'https://gongkai.example/schema/gongkai.report-1.json',
    title: 'gongkai.report/1 — 政府信息公开工作年度报告',
    description:
      '年度报告的机器可读形式（国办公开办函〔2021〕30号格式与2019年试行格式）。数值单元格为数字，发布时为空或无法识别的单元格为 null，绝不以 0 代替。',
  };
}
