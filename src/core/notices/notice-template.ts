/**
 * A notice template: plain text that staff edit — title, 称谓 (addressee), body (one paragraph per line) and the
 * 附件 list — with named placeholders `{{申请人}}`. Validation refuses, in Chinese and naming them, placeholders that
 * do not exist or that this kind of notice cannot fill, malformed braces, and the removal of placeholders or
 * statements the law requires (an answer without the rights to 行政复议 and 行政诉讼 is itself unlawful).
 */
import type { FieldErrors } from '../platform/app-error.ts';
import { NOTICE_KIND_LABELS, type AnswerRow, type NoticeKind } from './notice-kind.ts';
import { placeholderAvailable, placeholderSpec } from './notice-placeholders.ts';

/** The parts of a template staff can edit. */
export interface NoticeTemplateText {
  title: string;
  /** 主送 / 称谓, e.g. `{{申请人}}：`. */
  addressee: string;
  /** Paragraphs, one per line; empty lines are dropped (spacing is the layout's job). */
  body: string;
  /** 附件 names, one per line; numbered when printed. */
  attachments: string;
}

export interface NoticeTemplate extends NoticeTemplateText {
  /** Stable id: a procedural kind, a table-3 row key, or a row variant (grantedPublished, unable1OtherAgency). */
  id: string;
  kind: NoticeKind;
  /** The table-3 row an answer is counted in; null for procedural notices. */
  row: AnswerRow | null;
  /** Name shown to staff, e.g. 答复告知书（予以公开）. */
  name: string;
}

export type NoticeField = keyof NoticeTemplateText;
export const NOTICE_FIELDS: readonly NoticeField[] = ['title', 'addressee', 'body', 'attachments'];
export const NOTICE_FIELD_LABELS: Record<NoticeField, string> = {
  title: '标题',
  addressee: '称谓',
  body: '正文',
  attachments: '附件',
};

/** Longest text accepted per field: a notice is one or two pages; anything longer is a paste gone wrong. */
export const NOTICE_FIELD_MAX: Record<NoticeField, number> = {
  title: 100,
  addressee: 200,
  body: 10_000,
  attachments: 2_000,
};

/** `{{名称}}`, spaces inside the braces allowed. */
export const PLACEHOLDER = /\{\{\s*([^{}\n]*?)\s*\}\}/g;

/** Full-width braces typed with a Chinese input method are read as braces. */
export function normalizeBraces(text: string): string {
  return text.replace(/｛/g, '{').replace(/｝/g, '}');
}

/** The placeholder names a text uses, in order of first appearance. */
export function placeholdersIn(text: string): string[] {
  const names: string[] = [];
  for (const m of normalizeBraces(text).matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Placeholders a template of this kind must keep: without them the notice would lack what the law asks. */
export function requiredPlaceholders(kind: NoticeKind): string[] {
  switch (kind) {
    case 'receipt':
      return ['申请人', '收到日期', '受理编号', '答复期限']; // 条例第三十一条、第三十三条
    case 'correction':
      return ['申请人', '收到日期', '补正事项', '补正期限']; // 第三十条: what to correct and by when, in one notice
    case 'extension':
      return ['申请人', '收到日期', '延长后答复期限']; // 第三十三条第二款
    case 'consultThirdParty':
      return ['第三方', '申请内容摘要', '征求意见期限']; // 第三十二条
    case 'consultAgency':
      return ['被征求机关', '申请内容摘要', '征求意见期限']; // 第三十四条
    case 'feeNotice':
      return ['申请人', '计费方式', '收费标准', '收费金额', '缴费方式', '缴费期限']; // 国办函〔2020〕109号
    case 'answer':
      return ['申请人', '收到日期', '申请内容摘要', '复议机关', '管辖法院'];
  }
}

interface RequiredStatement {
  test: RegExp;
  message: string;
}

/** Statements a kind must keep in its body, whatever the wording around them. */
function requiredStatements(kind: NoticeKind): RequiredStatement[] {
  if (kind === 'answer') {
    return [
      {
        test: /行政复议/,
        message: '答复告知书须告知申请人申请行政复议的权利（《中华人民共和国行政复议法》，60日内），正文中不能删去',
      },
      {
        test: /行政诉讼/,
        message: '答复告知书须告知申请人提起行政诉讼的权利（《中华人民共和国行政诉讼法》，6个月内），正文中不能删去',
      },
    ];
  }
  if (kind === 'feeNotice') {
    return [
      {
        test: /109\s*号/,
        message: '收费通知书须写明收费依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
      },
    ];
  }
  return [];
}

/** Problems in one field's text: malformed braces, unknown or unavailable placeholders, length. */
function fieldProblems(field: NoticeField, text: string, kind: NoticeKind): string[] {
  const label = NOTICE_FIELD_LABELS[field];
  const problems: string[] = [];
  if (text.length > NOTICE_FIELD_MAX[field]) {
    problems.push(`${label}过长（${text.length}字），不能超过${NOTICE_FIELD_MAX[field]}字`);
  }
  const normalized = normalizeBraces(text);
  const leftover = normalized.replace(PLACEHOLDER, '');
  const broken = [...leftover.matchAll(/\{\{[^{}\n]{0,12}|[^{}\n]{0,12}\}\}/g)].map((m) => m[0]);
  if (broken.length > 0) {
    problems.push(
      `${label}中有不完整的占位符：${broken.map((b) => `“${b}”`).join('、')}（占位符应写作 {{名称}}，两边各两个花括号）`,
    );
  }
  const single = [...leftover.matchAll(/\{([^{}\n]{1,12})\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => placeholderSpec(name.trim()) !== undefined);
  if (single.length > 0) {
    problems.push(
      `${label}中的${single.map((n) => `“{${n}}”`).join('、')}只有一个花括号，应写作${single.map((n) => `{{${n.trim()}}}`).join('、')}`,
    );
  }
  const names = placeholdersIn(text);
  const unknown = names.filter((n) => placeholderSpec(n) === undefined);
  if (unknown.length > 0) {
    problems.push(`${label}中有未知的占位符：${unknown.map((n) => `{{${n}}}`).join('、')}，请改用可用的占位符`);
  }
  const unavailable = names.filter((n) => {
    const spec = placeholderSpec(n);
    return spec !== undefined && !placeholderAvailable(spec, kind);
  });
  if (unavailable.length > 0) {
    problems.push(
      `${label}中的占位符${unavailable.map((n) => `{{${n}}}`).join('、')}不能用于${NOTICE_KIND_LABELS[kind]}`,
    );
  }
  return problems;
}

export type TemplateValidation = { ok: true; text: NoticeTemplateText } | { ok: false; errors: FieldErrors };

/**
 * Checks edited template text for a notice kind. On success the text comes back normalised (full-width braces made
 * ASCII, line ends unified, each line trimmed, empty lines dropped). Errors are keyed by field, one Chinese sentence
 * each (several problems of a field joined with ；).
 */
export function validateNoticeTemplate(kind: NoticeKind, input: NoticeTemplateText): TemplateValidation {
  const text: NoticeTemplateText = {
    title: tidyLine(input.title),
    addressee: tidyLine(input.addressee),
    body: tidyLines(input.body),
    attachments: tidyLines(input.attachments),
  };
  const errors: Record<string, string[]> = {};
  const add = (field: NoticeField, message: string) => (errors[field] ??= []).push(message);
  if (text.title === '') add('title', '标题不能为空');
  if (text.body === '') add('body', '正文不能为空');
  for (const field of NOTICE_FIELDS)
    for (const problem of fieldProblems(field, input[field], kind)) add(field, problem);

  const used = new Set(NOTICE_FIELDS.flatMap((f) => placeholdersIn(text[f])));
  const missing = requiredPlaceholders(kind).filter((name) => !used.has(name));
  if (missing.length > 0) {
    add('body', `${NOTICE_KIND_LABELS[kind]}须保留占位符：${missing.map((n) => `{{${n}}}`).join('、')}`);
  }
  for (const statement of requiredStatements(kind)) if (!statement.test.test(text.body)) add('body', statement.message);

  const fields = Object.entries(errors);
  if (fields.length === 0) return { ok: true, text };
  return { ok: false, errors: Object.fromEntries(fields.map(([f, list]) => [f, list.join('；')])) };
}

function tidyLine(text: string): string {
  return normalizeBraces(text).replace(/\s+/g, ' ').trim();
}

function tidyLines(text: string): string {
  return normalizeBraces(text)
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
