import type { z } from 'zod';
import { AppError, type FieldErrors } from '../../core/platform/app-error.ts';

/**
 * Input validation at the HTTP edge, with a use-case's zod schema. Two sources, two rules:
 *
 * - JSON (`parseJson`) is typed: a number must be a JSON number and a boolean a JSON boolean. Nothing is
 *   coerced — `z.coerce.boolean()` once turned `"false"` into true and `version: true` into 1.
 * - Forms and query strings (`parseInput`) carry only text: for the fields the schema declares as number or
 *   boolean, the usual spellings are converted first (`"12"` → 12, `""` → absent, checkbox `"1"`/`"on"` →
 *   true, `"0"`/`"false"` → false); anything else is left as text for the schema to refuse.
 *
 * Both refuse control characters (a NUL byte was a 500 on PostgreSQL) and report every problem as one
 * VALIDATION error whose Chinese messages are keyed by field name.
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  return validate(schema, fromText(schema, data));
}

/** A JSON request body: strict types (see above). */
export function parseJson<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  return validate(schema, data);
}

function validate<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const fields: FieldErrors = controlCharacterFields(schema, data);
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', undefined, fields);
  const r = schema.safeParse(data, { error: chineseIssue });
  if (r.success) return r.data;
  for (const issue of r.error.issues) fields[String(issue.path[0] ?? '_')] ??= issue.message;
  throw new AppError('VALIDATION', undefined, fields);
}

/** A urlencoded form as a plain object; repeated fields (checkboxes) become arrays. */
export function formObject(
  body: Record<string, string | File | (string | File)[]>,
  arrays: string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const key = k.endsWith('[]') ? k.slice(0, -2) : k;
    if (key === '_csrf') continue;
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    out[key] = arrays.includes(key) ? list : list[0];
  }
  for (const a of arrays) out[a] ??= [];
  return out;
}

/**
 * C0 controls except tab, newline and carriage return, and DEL. PostgreSQL cannot store NUL in text at all;
 * the others have no business in names, codes or letters and hide text from whoever reads it.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Fields of the schema (others are dropped by it anyway) whose text contains a control character. */
function controlCharacterFields(schema: z.ZodType, data: unknown): FieldErrors {
  const fields: FieldErrors = {};
  if (!data || typeof data !== 'object') return fields;
  const shape = (schema._zod.def as { shape?: Record<string, unknown> }).shape;
  for (const [key, value] of Object.entries(data)) {
    if (shape && !(key in shape)) continue;
    if (containsControl(value, 0)) fields[key] = '不能包含控制字符';
  }
  return fields;
}

function containsControl(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return controlCharacter.test(v);
  if (depth > 8 || !v || typeof v !== 'object') return false;
  return Object.values(v).some((x) => containsControl(x, depth + 1));
}

type FieldKind = 'number' | 'boolean' | 'other';

/** What a form field must become, looked up in the schema (through optional/default/nullable wrappers). */
function fieldKind(schema: z.core.$ZodType): FieldKind {
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
  if (def.type === 'number') return 'number';
  if (def.type === 'boolean') return 'boolean';
  if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'].includes(def.type) && def.innerType)
    return fieldKind(def.innerType);
  if (def.type === 'pipe' && def.in) return fieldKind(def.in);
  return 'other';
}

function fromText(schema: z.ZodType, data: unknown): unknown {
  const shape = (schema._zod.def as { shape?: Record<string, z.core.$ZodType> }).shape;
  if (!shape || !data || typeof data !== 'object' || Array.isArray(data)) return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const [key, field] of Object.entries(shape)) {
    const v = out[key];
    if (typeof v !== 'string') continue;
    const kind = fieldKind(field);
    if (kind === 'number') {
      const t = v.trim();
      if (t === '') delete out[key];
      else if (/^-?\d{1,16}$/.test(t)) out[key] = Number(t);
    } else if (kind === 'boolean') {
      if (v === '1' || v === 'true' || v === 'on') out[key] = true;
      else if (v === '0' || v === 'false' || v === '') out[key] = false;
    }
  }
  return out;
}

const typeNames: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true 或 false）',
  array: '列表',
  object: '对象',
};

/**
 * Chinese messages for the issues a schema did not word itself (a schema's own message always wins). Never
 * the input itself: it may be long or hostile.
 */
function chineseIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '此项为必填项';
      return `应为${typeNames[issue.expected] ?? issue.expected}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过${issue.maximum}个字符`;
      if (issue.origin === 'array') return `不能超过${issue.maximum}项`;
      return `不能大于${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? '此项为必填项' : `不能少于${issue.minimum}个字符`;
      if (issue.origin === 'array') return `至少${issue.minimum}项`;
      return `不能小于${issue.minimum}`;
    case 'invalid_value':
      return '取值无效';
    case 'invalid_format':
      return '格式不正确';
    case 'unrecognized_keys':
      return `不允许的字段：${issue.keys.join('、')}`;
    default:
      return '取值无效';
  }
}
