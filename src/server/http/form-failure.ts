import { isAppError } from '../../core/platform/app-error.ts';
import type { FormState } from '../views/form-parts.ts';
import { errorStatus } from '../error-status.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * For form posts: a VALIDATION, DUPLICATE or CONFLICT error re-renders the form with the person's own input (and, on a
 * conflict, the old version, so pressing 保存 again cannot overwrite the other change blindly). Anything else
 * propagates to the error page.
 */
export function formFailure(
  e: unknown,
  values: Record<string, unknown>,
): { state: FormState; status: ContentfulStatusCode } {
  if (isAppError(e) && (e.code === 'VALIDATION' || e.code === 'CONFLICT' || e.code === 'DUPLICATE')) {
    return { state: { values, errors: e.fields ?? {}, message: e.message }, status: errorStatus[e.code] };
  }
  throw e;
}
