import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../core/platform/app-error.ts';

/** The one place where error codes become HTTP statuses. */
export const errorStatus: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  RATE_LIMITED: 429,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
};
