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

/** The catalogue forms of the settings page, one per edit (`op` is the form's hidden field). */
export const catalogueEditInput = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('add'),
    parent: code,
    name,
    code: code.default(''),
    normativeKind: z.union([z.literal(''), z.enum(normativeKinds)]).default(''),
    version,
  }),
  z.object({ op: z.literal('rename'), code, name, version }),
  z.object({ op: z.literal('move'), code, direction: z.enum(['up', 'down']), version }),
  z.object({ op: z.literal('retire'), code, retired: z.boolean().default(false), version }),
  z.object({ op: z.literal('delete'), code, version }),
]);
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
  const { version: expected, ...rest } = input;
  const edit: CatalogueEdit =
    rest.op === 'add'
      ? {
          op: 'add',
          parent: rest.parent,
          name: rest.name,
          code: rest.code,
          ...(rest.normativeKind ? { normativeKind: rest.normativeKind } : {}),
        }
      : rest;
  return changePublicationSettings(ctx, agencyId, expected, async (settings, ex) => {
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
