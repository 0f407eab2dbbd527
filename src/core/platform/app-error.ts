/**
 * Errors of the platform as a closed list of codes. Every layer (use-case, repository, server, CLI) throws
 * `AppError`; the server maps the code to an HTTP status in exactly one place (src/server/error-status.ts).
 * Codes are a public contract of the JSON API: add, never rename.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'SESSION_EXPIRED'
  | 'FORBIDDEN'
  | 'CSRF'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DUPLICATE'
  | 'RATE_LIMITED'
  | 'BAD_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL';

/** The Chinese message people see when the thrower gives none. */
export const defaultMessages: Readonly<Record<ErrorCode, string>> = {
  VALIDATION: '提交的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '账号已被锁定，请稍后再试或联系安全管理员',
  SESSION_EXPIRED: '登录已超时，请重新登录',
  FORBIDDEN: '无权执行此操作',
  CSRF: '页面已过期或请求来源无效，请刷新页面后重试',
  NOT_FOUND: '未找到该记录',
  CONFLICT: '该记录已被他人修改，请刷新后重试',
  DUPLICATE: '该记录已存在',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  BAD_REQUEST: '请求格式不正确',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  INTERNAL: '系统内部错误，请稍后再试',
};

/** Field-level problems of a VALIDATION error: field name → Chinese message. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;

  constructor(code: ErrorCode, message?: string, fields?: FieldErrors) {
    super(message ?? defaultMessages[code]);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
