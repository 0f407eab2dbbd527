/**
 * The 错敏词 dictionary: wrong or sensitive wording staff must not publish — misspelt or obsolete official names,
 * wrong political formulations and leader titles, banned or inappropriate expressions, common typos of official
 * writing, template leftovers. The product ships one (data/wording-dictionary.json, format in
 * docs/publication.md); an agency adds its own entries and may switch shipped ones off, both as data.
 *
 * An entry matches its `term` literally. `except` lists longer phrases that contain the term and are correct
 * (村长 is wrong, 农村长效机制 is not): a match inside one of them is no finding.
 */
import { z } from 'zod';
import shipped from './data/wording-dictionary.json' with { type: 'json' };

export const wordingCategories = [
  'official-name',
  'obsolete-name',
  'political',
  'leader-title',
  'banned',
  'typo',
  'usage',
  'punctuation',
  'placeholder',
] as const;
export type WordingCategory = (typeof wordingCategories)[number];

export const wordingCategoryLabels: Readonly<Record<WordingCategory, string>> = {
  'official-name': '机构和名称错误',
  'obsolete-name': '过时的机构名称',
  political: '政治性表述错误',
  'leader-title': '领导职务称谓错误',
  banned: '禁用或不当表述',
  typo: '常见错别字',
  usage: '用词不规范',
  punctuation: '标点符号',
  placeholder: '模板占位内容',
};

export const MAX_TERM_LENGTH = 40;
export const MAX_AGENCY_ENTRIES = 2000;

export const wordingEntrySchema = z
  .object({
    term: z
      .string({ error: '请填写词条' })
      .min(1, '词条不能为空')
      .max(MAX_TERM_LENGTH, `词条不能超过 ${MAX_TERM_LENGTH} 个字符`)
      .refine((t) => t.trim() === t && !/[\r\n\t]/.test(t), '词条首尾不能有空白，也不能含换行'),
    suggestion: z
      .string()
      .max(MAX_TERM_LENGTH * 2, '建议写法过长')
      .optional(),
    category: z.enum(wordingCategories, { error: '类别无效' }),
    level: z.enum(['error', 'warning'], { error: '级别只能是 error（错误）或 warning（提示）' }),
    note: z.string().max(200, '说明不能超过 200 字').optional(),
    except: z
      .array(
        z
          .string()
          .min(1)
          .max(MAX_TERM_LENGTH * 2),
      )
      .max(50, '例外最多 50 个')
      .optional(),
  })
  .superRefine((entry, ctx) => {
    for (const phrase of entry.except ?? []) {
      if (!phrase.includes(entry.term)) {
        ctx.addIssue({ code: 'custom', path: ['except'], message: `例外“${phrase}”中不含词条“${entry.term}”` });
      }
    }
    if (entry.suggestion === entry.term) {
      ctx.addIssue({ code: 'custom', path: ['suggestion'], message: '建议写法与词条相同' });
    }
  });

export type WordingEntry = z.infer<typeof wordingEntrySchema>;

export const wordingDictionaryFileSchema = z.object({
  version: z.literal(1),
  source: z.string().optional(),
  entries: z.array(wordingEntrySchema),
});

/** The dictionary shipped with the product, validated once. */
export const shippedWordingEntries: readonly WordingEntry[] = wordingDictionaryFileSchema.parse(shipped).entries;

export interface AgencyWording {
  /** The agency's own entries; an entry with the same term as a shipped one replaces it. */
  entries?: readonly WordingEntry[];
  /** Shipped terms the agency switches off (e.g. an archive that cites old names on purpose). */
  disabledTerms?: readonly string[];
}

/**
 * Problems in an agency's entries, as `entries.N.field` → Chinese message (the AppError VALIDATION shape), so the
 * settings page can point at the line.
 */
export function agencyWordingProblems(input: unknown): Record<string, string> {
  const schema = z.object({
    entries: z.array(wordingEntrySchema).max(MAX_AGENCY_ENTRIES, `自定义词条最多 ${MAX_AGENCY_ENTRIES} 条`).optional(),
    disabledTerms: z.array(z.string().max(MAX_TERM_LENGTH)).max(MAX_AGENCY_ENTRIES).optional(),
  });
  const parsed = schema.safeParse(input);
  const out: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out[issue.path.join('.') || 'entries'] ??= issue.message;
    return out;
  }
  const seen = new Map<string, number>();
  parsed.data.entries?.forEach((entry, i) => {
    const first = seen.get(entry.term);
    if (first !== undefined) out[`entries.${i}.term`] = `词条“${entry.term}”与第 ${first + 1} 条重复`;
    else seen.set(entry.term, i);
  });
  return out;
}

/** The entries in force for an agency: shipped ones not switched off, overridden or extended by its own. */
export function mergeWordingEntries(agency: AgencyWording = {}): WordingEntry[] {
  const disabled = new Set(agency.disabledTerms ?? []);
  const byTerm = new Map<string, WordingEntry>();
  for (const entry of shippedWordingEntries) if (!disabled.has(entry.term)) byTerm.set(entry.term, entry);
  for (const entry of agency.entries ?? []) byTerm.set(entry.term, entry);
  return [...byTerm.values()];
}
