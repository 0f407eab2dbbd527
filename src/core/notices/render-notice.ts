/**
 * Fills a notice template with the values of one case and gives the structured notice the writers print
 * (official-document.ts). Values are inserted literally in one pass — a value that itself contains `{{…}}` is not
 * expanded again. A final notice needs every placeholder it uses; a draft (preview) marks the missing ones
 * 【待填：名称】 instead.
 */
import { AppError } from '../platform/app-error.ts';
import { NOTICE_KIND_LABELS, type AnswerRow, type NoticeKind } from './notice-kind.ts';
import { placeholderSpec } from './notice-placeholders.ts';
import { formatDocumentDate, type DateStyle, type OfficialDocument } from './official-document.ts';
import {
  NOTICE_FIELDS,
  PLACEHOLDER,
  placeholdersIn,
  validateNoticeTemplate,
  type NoticeTemplate,
} from './notice-template.ts';

/** Placeholder name → value as the case holds it (dates ISO YYYY-MM-DD, amounts in 元 as decimal text). */
export type NoticeValues = Readonly<Record<string, string | undefined>>;

export interface RenderNoticeOptions {
  /** Preview: missing values are printed 【待填：名称】 instead of refusing. Default false. */
  draft?: boolean;
  /** How dates are printed; default Arabic numerals (GB/T 9704-2012). */
  dateStyle?: DateStyle;
  /** Documents released with an answer, listed after the template's own 附件 lines. */
  attachments?: readonly string[];
}

export interface Notice extends OfficialDocument {
  templateId: string;
  kind: NoticeKind;
  row: AnswerRow | null;
}

/** Longest value accepted: a summary of a request or a list of what to correct, not a document. */
export const NOTICE_VALUE_MAX = 2_000;

/** The placeholders that are always filled: the 落款 needs the agency and the date. */
const SIGNATURE_PLACEHOLDERS = ['机关名称', '答复日期'];

export function renderNotice(
  template: NoticeTemplate,
  values: NoticeValues,
  options: RenderNoticeOptions = {},
): Notice {
  const checked = validateNoticeTemplate(template.kind, template);
  if (!checked.ok) {
    throw new AppError('VALIDATION', `模板“${template.name}”有误，不能生成文书`, checked.errors);
  }
  const text = checked.text;
  const dateStyle = options.dateStyle ?? 'arabic';
  const needed = [...new Set([...NOTICE_FIELDS.flatMap((f) => placeholdersIn(text[f])), ...SIGNATURE_PLACEHOLDERS])];
  // 文号 is printed under the title whenever the case has one, whether or not the text uses it.
  if (!needed.includes('文号') && (values['文号'] ?? '').trim() !== '') needed.push('文号');
  const formatted = new Map<string, string>();
  const problems: Record<string, string> = {};
  for (const name of needed) {
    const raw = values[name];
    const result = formatValue(name, raw, dateStyle);
    if (result.ok) formatted.set(name, result.value);
    else problems[name] = result.message;
  }
  const problemNames = Object.keys(problems);
  if (problemNames.length > 0 && !options.draft) {
    throw new AppError(
      'VALIDATION',
      `生成${NOTICE_KIND_LABELS[template.kind]}缺少或填错了：${problemNames.join('、')}`,
      problems,
    );
  }
  const fill = (s: string) =>
    s.replace(PLACEHOLDER, (_match, name: string) => formatted.get(name) ?? `【待填：${name}】`);

  const docNumber = formatted.get('文号') ?? null;
  const attachments = [
    ...(text.attachments === '' ? [] : text.attachments.split('\n').map(fill)),
    ...(options.attachments ?? []).map((a) => singleLine(a)).filter((a) => a !== ''),
  ];
  return {
    templateId: template.id,
    kind: template.kind,
    row: template.row,
    subject: fill(text.title),
    title: fill(text.title),
    docNumber,
    addressee: text.addressee === '' ? null : fill(text.addressee),
    paragraphs: text.body.split('\n').map((line) => ({ text: fill(line), style: 'body' as const })),
    attachments,
    signature: {
      agency: formatted.get('机关名称') ?? '【待填：机关名称】',
      date: formatted.get('答复日期') ?? '【待填：答复日期】',
      iso: values['答复日期'] ?? '',
    },
  };
}

type Formatted = { ok: true; value: string } | { ok: false; message: string };

function formatValue(name: string, raw: string | undefined, dateStyle: DateStyle): Formatted {
  const type = placeholderSpec(name)?.type ?? 'text';
  const line = raw === undefined ? '' : singleLine(raw);
  // The template supplies the punctuation around a text value: a 理由 typed as a sentence must not print 。。
  const value = type === 'text' ? line.replace(/[。；;，,、\s]+$/u, '') : line;
  if (value === '') return { ok: false, message: `缺少“${name}”` };
  if (value.length > NOTICE_VALUE_MAX) {
    return { ok: false, message: `“${name}”过长（${value.length}字），不能超过${NOTICE_VALUE_MAX}字` };
  }
  if (type === 'date') {
    const date = formatDocumentDate(value, dateStyle);
    return date === null
      ? { ok: false, message: `“${name}”不是有效日期（应为 YYYY-MM-DD，如 2025-10-29）：${value}` }
      : { ok: true, value: date };
  }
  if (type === 'amount') {
    if (!/^\d{1,9}(\.\d{1,2})?$/.test(value)) {
      return { ok: false, message: `“${name}”应为不超过两位小数的非负金额（元）：${value}` };
    }
    const yuan = Number(value);
    return { ok: true, value: Number.isInteger(yuan) ? String(yuan) : yuan.toFixed(2) };
  }
  return { ok: true, value };
}

/** A value is printed inside a sentence: line breaks and runs of spaces become one space. */
function singleLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
