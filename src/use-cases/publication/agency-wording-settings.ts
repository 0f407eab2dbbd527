import { z } from 'zod';
import {
  MAX_AGENCY_ENTRIES,
  shippedWordingEntries,
  wordingEntrySchema,
  type WordingEntry,
} from '../../core/publication/wording-dictionary.ts';
import { AppError } from '../../core/platform/app-error.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { changePublicationSettings } from './change-publication-settings.ts';
import type { PublicationSettings } from './publication-settings.ts';

const version = z.number().int().min(0).max(1_000_000_000);

export const wordingEntryInput = z.object({
  term: z.string().max(200, '词条不能超过 40 个字符').default(''),
  suggestion: z.string().trim().max(200, '建议写法过长').default(''),
  level: z.string().max(20).default(''),
  category: z.string().max(40).default(''),
  version,
});
export type WordingEntryInput = z.infer<typeof wordingEntryInput>;

export const wordingRemoveInput = z.object({ term: z.string().max(200).default(''), version });

export const shippedWordingInput = z.object({
  term: z.string().max(200).default(''),
  op: z.enum(['disable', 'enable'], { message: '操作无效' }),
  version,
});

/**
 * Adds one of the agency's own 错敏词 entries (word, suggested wording, level), extending the shipped dictionary;
 * an entry with a shipped term replaces the shipped one for this agency. It applies to the pre-publication checks
 * at once: check-item.ts compiles the agency's checker per settings version.
 */
export async function addWordingEntry(
  ctx: UseCaseContext,
  agencyId: string,
  input: WordingEntryInput,
): Promise<PublicationSettings> {
  const parsed = wordingEntrySchema.safeParse({
    term: input.term,
    ...(input.suggestion ? { suggestion: input.suggestion } : {}),
    category: input.category || 'usage',
    level: input.level,
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'term')] ??= issue.message;
    throw new AppError('VALIDATION', '词条未添加', errors);
  }
  const entry: WordingEntry = parsed.data;
  return changePublicationSettings(ctx, agencyId, input.version, (settings) => {
    const entries = settings.wording.entries ?? [];
    if (entries.some((e) => e.term === entry.term))
      throw new AppError('VALIDATION', '词条未添加', { term: `本机关词库中已有“${entry.term}”，如需修改请先删除` });
    if (entries.length >= MAX_AGENCY_ENTRIES)
      throw new AppError('VALIDATION', '词条未添加', { term: `自定义词条最多 ${MAX_AGENCY_ENTRIES} 条` });
    const wording = { ...settings.wording, entries: [...entries, entry] };
    return {
      patch: { wording: JSON.stringify(wording) },
      action: 'publication.settings.wording.add',
      before: null,
      after: { entry },
    };
  });
}

/** Removes one of the agency's own entries (the shipped dictionary is not edited here). */
export async function removeWordingEntry(
  ctx: UseCaseContext,
  agencyId: string,
  input: z.infer<typeof wordingRemoveInput>,
): Promise<PublicationSettings> {
  return changePublicationSettings(ctx, agencyId, input.version, (settings) => {
    const entries = settings.wording.entries ?? [];
    const entry = entries.find((e) => e.term === input.term);
    if (!entry) throw new AppError('VALIDATION', '词条未删除', { term: '本机关词库中没有该词条（可能已被删除）' });
    const wording = { ...settings.wording, entries: entries.filter((e) => e !== entry) };
    return {
      patch: { wording: JSON.stringify(wording) },
      action: 'publication.settings.wording.remove',
      before: { entry },
      after: null,
    };
  });
}

/**
 * Switches one entry of the shipped dictionary off for this agency, or on again — for wording the agency uses on
 * purpose (an archive citing an old official name, a local place name that looks like a typo). The shipped
 * dictionary itself is not edited; other agencies keep the entry.
 */
export async function setShippedWordingEntry(
  ctx: UseCaseContext,
  agencyId: string,
  input: z.infer<typeof shippedWordingInput>,
): Promise<PublicationSettings> {
  const entry = shippedWordingEntries.find((e) => e.term === input.term);
  if (!entry) throw new AppError('VALIDATION', '词条未更改', { term: '随软件提供的词库中没有该词条' });
  return changePublicationSettings(ctx, agencyId, input.version, (settings) => {
    const disabled = settings.wording.disabledTerms ?? [];
    const isOff = disabled.includes(entry.term);
    if ((input.op === 'disable') === isOff)
      throw new AppError('VALIDATION', '词条未更改', {
        term: isOff ? `“${entry.term}”已停用` : `“${entry.term}”未停用`,
      });
    if (input.op === 'disable' && disabled.length >= MAX_AGENCY_ENTRIES)
      throw new AppError('VALIDATION', '词条未更改', { term: `停用的词条最多 ${MAX_AGENCY_ENTRIES} 条` });
    const disabledTerms = input.op === 'disable' ? [...disabled, entry.term] : disabled.filter((t) => t !== entry.term);
    return {
      patch: { wording: JSON.stringify({ ...settings.wording, disabledTerms }) },
      action: input.op === 'disable' ? 'publication.settings.wording.disable' : 'publication.settings.wording.enable',
      before: { term: entry.term, disabled: isOff },
      after: { term: entry.term, disabled: !isOff },
    };
  });
}
