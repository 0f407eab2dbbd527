import { AppError, type FieldErrors } from '../core/platform/app-error.ts';

/**
 * The safety net under input validation: database errors that are the client's doing become the AppError a
 * person can act on, the same on SQLite and PostgreSQL, instead of a 500.
 *
 * - A UNIQUE constraint lost to a concurrent request (two people creating the same login at once: both pass
 *   the "does it exist?" check, one INSERT wins) → DUPLICATE (409), naming the column as the field.
 * - Values PostgreSQL cannot store or compare (NUL in text, invalid byte sequences, integers beyond the
 *   column's range, malformed literals) → VALIDATION (422). SQLite accepts most of these; validation at the
 *   edge refuses them first on both, this only catches what slipped through.
 *
 * Anything else returns undefined and stays an internal error.
 */
export function appErrorFromDbError(e: unknown): AppError | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const err = e as { code?: unknown; message?: unknown; detail?: unknown; column?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : '';
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const column =
      /Key \(([a-z_]+)\)=/.exec(typeof err.detail === 'string' ? err.detail : '')?.[1] ??
      /constraint failed: \w+\.([a-z_]+)/.exec(message)?.[1];
    const field = column ? camel(column) : undefined;
    const fields: FieldErrors | undefined = field ? { [field]: `${labels[field] ?? '该值'}已被使用` } : undefined;
    return new AppError('DUPLICATE', undefined, fields);
  }
  // 22P02 invalid_text_representation, 22003 numeric_value_out_of_range, 22021 character_not_in_repertoire,
  // 22P05 untranslatable_character, 22001 string_data_right_truncation, 54000 program_limit_exceeded.
  if (['22P02', '22003', '22021', '22P05', '22001', '54000'].includes(code) || code === 'SQLITE_TOOBIG') {
    return new AppError('VALIDATION', '提交的内容含有无法保存的字符或数值');
  }
  return undefined;
}

const labels: Record<string, string> = { login: '该登录名', code: '该机构代码', path: '该机构路径' };

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}
