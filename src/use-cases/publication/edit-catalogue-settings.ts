import { z } from 'zod';
import { normativeKinds } from '../../core/publication/catalogue.ts';
import { editCatalogue, type CatalogueEdit } from '../../core/publication/edit-catalogue.ts';
import { AppError } from '../../core/platform/app-error.ts';
import { catalogueCodesInUse } from '../../db/repositories/publication/publication-repository.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { changePublicationSettings } from './change-publication-settings.ts';
import type { PublicationSettings } from './publication-settings.ts';

const version = z.number().int().min(0).max(1_000_000_000);
const code = z.string().trim().max(40, '代码不超过40个字符');
const name = z.string().trim().max(40, '名称不超过20个字');

/**
 * The catalogue forms of the settings page, one per edit (`op` is the form's hidden field): one flat shape, since
 * forms carry only text and every form sends the settings version it was loaded with.
 */
export const catalogueEditInput = z.object({
  op: z.enum(['add', 'rename', 'move', 'retire', 'delete'], { message: '未知的操作' }),
  code: code.default(''),
  parent: code.default(''),
  name: name.default(''),
  normativeKind: z.union([z.literal(''), z.enum(normativeKinds)], { message: '文件类别无效' }).default(''),
  direction: z.enum(['up', 'down'], { message: '移动方向只能是上移或下移' }).default('up'),
  retired: z.boolean().default(false),
  version,
});
export type CatalogueEditInput = z.infer<typeof catalogueEditInput>;

const auditActions: Record<CatalogueEdit['op'], string> = {
  add: 'publication.settings.catalogue.add',
  rename: 'publication.settings.catalogue.rename',
  move: 'publication.settings.catalogue.move',
  retire: 'publication.settings.catalogue.retire',
  delete: 'publication.settings.catalogue.delete',
};

/**
 * One edit of the agency's 公开目录 by its administrator (条例第十二条): the rules are the core's
 * (edit-catalogue.ts) — a column with items is never deleted, only retired. Audited; the portal's cached
 * catalogue pages are regenerated.
 */
export async function editCatalogueSettings(
  ctx: UseCaseContext,
  agencyId: string,
  input: CatalogueEditInput,
): Promise<PublicationSettings> {
  const edit: CatalogueEdit =
    input.op === 'add'
      ? {
          op: 'add',
          parent: input.parent,
          name: input.name,
          code: input.code,
          ...(input.normativeKind ? { normativeKind: input.normativeKind } : {}),
        }
      : input.op === 'rename'
        ? { op: 'rename', code: input.code, name: input.name }
        : input.op === 'move'
          ? { op: 'move', code: input.code, direction: input.direction }
          : input.op === 'retire'
            ? { op: 'retire', code: input.code, retired: input.retired }
            : { op: 'delete', code: input.code };
  return changePublicationSettings(ctx, agencyId, input.version, async (settings, ex) => {
    const result = editCatalogue(settings.catalogue, edit, await catalogueCodesInUse(ex, agencyId));
    if (!result.ok) throw new AppError('VALIDATION', '目录未修改', result.errors);
    return {
      patch: { catalogue: JSON.stringify(result.catalogue) },
      action: auditActions[edit.op],
      before: { catalogue: settings.catalogue },
      after: { edit, catalogue: result.catalogue },
    };
  });
}
