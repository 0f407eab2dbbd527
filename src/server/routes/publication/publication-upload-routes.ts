import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { itemFor } from '../../../use-cases/publication/item-access.ts';
import type { AppEnv } from '../../app-env.ts';
import { AppError } from '../../../core/platform/app-error.ts';
import { MAX_DOCUMENT_ATTACHMENT_BYTES } from '../../../readers/body/attachment-type.ts';
import { MAX_DOCX_BYTES } from '../../../readers/body/docx-to-body.ts';
import { addAttachments, importDocxBody } from '../../../use-cases/publication/item-attachments.ts';
import { parseInput } from '../../http/parse-input.ts';
import type { UploadRoute } from '../../http/uploads/upload-route.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import { requireStaff } from '../../middleware/require-staff.ts';

const version = z.object({ version: z.number().int().min(1) });

/** Before a byte of the upload is read: the person may edit this item (else 403, or 404 for another agency's). */
const mayEditItem: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ctx = useCaseContext(c);
  await itemFor(ctx.db, ctx, c.req.param('id') ?? '', 'publication.edit');
  await next();
};

/**
 * The item's files: attachments (PDF/DOCX/XLSX/images, kind sniffed by the upload mechanism and again from the
 * bytes by the readers) and a DOCX whose content becomes the body. Streamed into the blob store under these limits.
 */
export function publicationUploadRoutes(): UploadRoute[] {
  return [
    {
      method: 'POST',
      path: '/staff/publication/items/:id/attachments',
      before: [requireStaff('html'), mayEditItem],
      policy: {
        files: {
          file: {
            label: '附件',
            maxFiles: 10,
            maxFileBytes: MAX_DOCUMENT_ATTACHMENT_BYTES,
            kinds: ['pdf', 'docx', 'xlsx', 'png', 'jpeg', 'gif', 'webp'],
          },
        },
        maxTotalFileBytes: 100 * 1024 * 1024,
        maxFields: 5,
        maxFieldBytes: 1024,
      },
      handle: async (c, upload) => {
        const id = c.req.param('id') ?? '';
        if (upload.files.length === 0) throw new AppError('VALIDATION', '请选择要上传的文件', { file: '请选择文件' });
        await addAttachments(
          useCaseContext(c),
          id,
          upload.files.map((f) => ({ filename: f.filename, sha256: f.blob.sha256 })),
        );
        return c.redirect(`/staff/publication/items/${id}?done=attached`, 303);
      },
    },
    {
      method: 'POST',
      path: '/staff/publication/items/:id/docx',
      before: [requireStaff('html'), mayEditItem],
      policy: {
        files: { docx: { label: 'Word 文件', maxFiles: 1, maxFileBytes: MAX_DOCX_BYTES, kinds: ['docx'] } },
        maxTotalFileBytes: MAX_DOCX_BYTES,
        maxFields: 5,
        maxFieldBytes: 1024,
      },
      handle: async (c, upload) => {
        const id = c.req.param('id') ?? '';
        const file = upload.files[0];
        if (!file) throw new AppError('VALIDATION', '请选择 Word 文件', { docx: '请选择文件' });
        const v = parseInput(version, upload.fields);
        await importDocxBody(useCaseContext(c), id, { filename: file.filename, sha256: file.blob.sha256 }, v.version);
        return c.redirect(`/staff/publication/items/${id}?done=imported`, 303);
      },
    },
  ];
}
