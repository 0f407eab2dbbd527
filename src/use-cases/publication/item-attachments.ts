import { AppError } from '../../core/platform/app-error.ts';
import { readBlobBytes, type BlobStore, type StoredBlob } from '../../db/repositories/files/blob-store.ts';
import { DatabaseBlobStore } from '../../db/repositories/files/database-blob-store.ts';
import {
  deleteAttachment,
  findAttachment,
  insertAttachment,
  listAttachments,
  updateItemVersioned,
} from '../../db/repositories/publication/publication-repository.ts';
import type { PublicationItemRow } from '../../db/repositories/publication/publication-tables.ts';
import {
  attachmentMime,
  type AttachmentType,
  detectAttachmentType,
  isImageAttachment,
  MAX_DOCUMENT_ATTACHMENT_BYTES,
  MAX_IMAGE_ATTACHMENT_BYTES,
} from '../../readers/body/attachment-type.ts';
import { bodyText } from '../../readers/body/body-text.ts';
import { docxToBody, MAX_DOCX_BYTES, type DocxImage } from '../../readers/body/docx-to-body.ts';
import { extractAttachmentText } from '../../readers/body/extract-attachment-text.ts';
import { sanitizeBody } from '../../readers/body/sanitize-body.ts';
import { nowIso, type UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { newId } from '../platform/session-token.ts';
import { conflict, itemFor } from './item-access.ts';
import { attachmentPathPrefix } from './item-fields.ts';

/** A file the upload mechanism already stored in the blob store. */
export interface StoredFile {
  filename: string;
  sha256: string;
}

function blobStoreOf(ctx: UseCaseContext, store?: BlobStore): BlobStore {
  return store ?? new DatabaseBlobStore(ctx.db, ctx.clock);
}

/** A file name fit to show and to put in a download header: no path, no control characters, ≤ 100 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"<>]/g, '').trim();
  return clean.slice(-100) || '附件';
}

/**
 * Adds attachments to a draft: the type comes from the bytes (PDF/DOCX/XLSX/images, size limits by type), the
 * text of documents is extracted for search by the readers in a bounded worker.
 */
export async function addAttachments(
  ctx: UseCaseContext,
  itemId: string,
  files: StoredFile[],
  store?: BlobStore,
): Promise<number> {
  const { item } = await itemFor(ctx.db, ctx, itemId, 'publication.edit');
  if (item.status !== 'draft') throw new AppError('CONFLICT', '只有草稿可以添加附件');
  const blobs = blobStoreOf(ctx, store);
  const prepared: { f: StoredFile; type: AttachmentType; size: number; text: string }[] = [];
  for (const f of files) {
    const bytes = await readBlobBytes(blobs, f.sha256, MAX_DOCUMENT_ATTACHMENT_BYTES);
    const type = await detectAttachmentType(bytes);
    if (!type.ok) throw new AppError('VALIDATION', type.message, { attachment: type.message });
    if (isImageAttachment(type.type) && bytes.byteLength > MAX_IMAGE_ATTACHMENT_BYTES)
      throw new AppError('PAYLOAD_TOO_LARGE', '图片附件不超过10MB');
    let text = '';
    if (!isImageAttachment(type.type)) {
      try {
        text = (await extractAttachmentText(bytes)).text;
      } catch {
        text = ''; // unreadable document: attached, not searchable by its text
      }
    }
    prepared.push({ f, type: type.type, size: bytes.byteLength, text });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await listAttachments(trx, itemId);
    let order = existing.length;
    for (const p of prepared) {
      const id = newId();
      await insertAttachment(trx, {
        id,
        item_id: itemId,
        name: cleanFileName(p.f.filename),
        blob_sha256: p.f.sha256,
        kind: p.type,
        media_type: attachmentMime[p.type],
        size: p.size,
        text: p.text,
        sort_order: order++,
        created_at: nowIso(ctx),
      });
      await recordAudit(trx, ctx, {
        action: 'publication.attach',
        entity: 'publication_item',
        entityId: itemId,
        after: { attachment: id, name: cleanFileName(p.f.filename), kind: p.type, sha256: p.f.sha256 },
      });
    }
  });
  return prepared.length;
}

export async function removeAttachment(ctx: UseCaseContext, itemId: string, attachmentId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { item } = await itemFor(trx, ctx, itemId, 'publication.edit');
    if (item.status !== 'draft') throw new AppError('CONFLICT', '只有草稿可以删除附件');
    const a = await findAttachment(trx, attachmentId);
    if (!a || a.item_id !== itemId) throw new AppError('NOT_FOUND', '未找到该附件');
    await deleteAttachment(trx, attachmentId);
    await recordAudit(trx, ctx, {
      action: 'publication.detach',
      entity: 'publication_item',
      entityId: itemId,
      before: { attachment: a.id, name: a.name },
    });
  });
}

/**
 * The body of a draft from an uploaded DOCX (staff write in Word/WPS): converted with mammoth, sanitized; its
 * images become attachments of the item. Returns the converter's Chinese warnings.
 */
export async function importDocxBody(
  ctx: UseCaseContext,
  itemId: string,
  file: StoredFile,
  version: number,
  store?: BlobStore,
): Promise<{ item: PublicationItemRow; warnings: string[] }> {
  const { item } = await itemFor(ctx.db, ctx, itemId, 'publication.edit');
  if (item.status !== 'draft') throw new AppError('CONFLICT', '只有草稿可以导入正文');
  const blobs = blobStoreOf(ctx, store);
  const bytes = await readBlobBytes(blobs, file.sha256, MAX_DOCX_BYTES);
  const ids = new Map<number, string>();
  let converted;
  try {
    converted = await docxToBody(bytes, {
      imagePathPrefix: attachmentPathPrefix,
      imageSrc: ({ index }) => {
        const id = newId();
        ids.set(index, id);
        return `${attachmentPathPrefix}${id}`;
      },
    });
  } catch (e) {
    throw new AppError('VALIDATION', '无法读取该 Word 文件', { docx: e instanceof Error ? e.message : '无法读取' });
  }
  const stored: { img: DocxImage; blob: StoredBlob; id: string }[] = [];
  for (const img of converted.images) {
    const w = blobs.begin();
    await w.write(img.bytes);
    const blob = await w.commit({ kind: img.contentType.slice(6), mediaType: img.contentType });
    stored.push({ img, blob, id: ids.get(img.index) ?? newId() });
  }
  const html = sanitizeBody(converted.html, { imagePathPrefix: attachmentPathPrefix });
  const row = await ctx.db.transaction().execute(async (trx) => {
    let order = (await listAttachments(trx, itemId)).length;
    for (const s of stored) {
      await insertAttachment(trx, {
        id: s.id,
        item_id: itemId,
        name: `正文图片${s.img.index}.${s.img.contentType.slice(6)}`,
        blob_sha256: s.blob.sha256,
        kind: s.img.contentType.slice(6),
        media_type: s.img.contentType,
        size: s.img.bytes.byteLength,
        text: '',
        sort_order: order++,
        created_at: nowIso(ctx),
      });
    }
    const r = await updateItemVersioned(trx, itemId, version, {
      body_html: html,
      body_text: bodyText(html).text,
      updated_at: nowIso(ctx),
    });
    if (!r) throw conflict();
    await recordAudit(trx, ctx, {
      action: 'publication.importDocx',
      entity: 'publication_item',
      entityId: itemId,
      after: {
        sha256: file.sha256,
        name: cleanFileName(file.filename),
        images: stored.length,
        body_chars: html.length,
      },
    });
    return r;
  });
  return { item: row, warnings: converted.warnings };
}
