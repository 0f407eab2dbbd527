import type { z } from 'zod';
import { AppError, type FieldErrors } from '../../core/platform/app-error.ts';

/** Validates input with a use-case's schema; failures become one VALIDATION error with Chinese field messages. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const fields: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '_');
    fields[key] ??= issue.code === 'invalid_type' && issue.input === undefined ? '此项为必填项' : issue.message;
  }
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
