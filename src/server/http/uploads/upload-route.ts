import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { LargeBodyRoute } from '../../middleware/body-limit.ts';
import type { ReceivedUpload } from './receive-upload.ts';
import { maxRequestBytes, type UploadPolicy } from './upload-policy.ts';

/**
 * A route that receives files. Listed in the app's upload routes (createApp), so that the body limit knows it
 * before routing and lets its body through to the streamed upload instead of the small form limit.
 */
export interface UploadRoute {
  method: 'POST' | 'PUT';
  /** The full path pattern (`/staff/applications/:id/attachments`). */
  path: string;
  policy: UploadPolicy;
  /** Checks that must pass before a byte of the upload is read (requireStaff, a policy check, a rate limit). */
  before?: MiddlewareHandler<AppEnv>[];
  /** Called with the received fields and stored files; validation of the fields is the handler's. */
  handle: (c: Context<AppEnv>, upload: ReceivedUpload) => Response | Promise<Response>;
}

export function largeBodyRouteOf(r: UploadRoute): LargeBodyRoute {
  return { method: r.method, path: r.path, maxBytes: maxRequestBytes(r.policy) };
}
