/**
 * The 错敏词 check: every dictionary term in a text, in one pass over it (Aho–Corasick, @monyone/aho-corasick —
 * see docs/dependencies.md), so a long body costs the same whether the dictionary has 300 entries or 3,000.
 *
 * Of overlapping matches the longest wins (国务院办工厅 is one finding, not also 办工厅); a match inside one of the
 * entry's `except` phrases is dropped. Compile once per dictionary (per agency) and reuse: compiling costs far
 * more than checking a body.
 */
import { AhoCorasick } from '@monyone/aho-corasick';
import type { TextFinding } from './text-finding.ts';
import {
  mergeWordingEntries,
  wordingCategoryLabels,
  type AgencyWording,
  type WordingEntry,
} from './wording-dictionary.ts';

export interface WordingChecker {
  readonly size: number;
  check(text: string): TextFinding[];
}

function messageFor(entry: WordingEntry): string {
  const label = wordingCategoryLabels[entry.category];
  const head = entry.suggestion ? `“${entry.term}”应为“${entry.suggestion}”` : `“${entry.term}”`;
  if (entry.note) return `${head}（${label}）：${entry.note}`;
  return entry.suggestion ? `${head}（${label}）` : `${head}：${label}`;
}

/** Where inside `phrase` the term occurs (a term may occur twice in one exception). */
function occurrences(phrase: string, term: string): number[] {
  const out: number[] = [];
  for (let i = phrase.indexOf(term); i !== -1; i = phrase.indexOf(term, i + 1)) out.push(i);
  return out;
}

export function compileWordingChecker(entries: readonly WordingEntry[]): WordingChecker {
  const byTerm = new Map<string, { entry: WordingEntry; message: string; except: [string, number[]][] }>();
  for (const entry of entries) {
    byTerm.set(entry.term, {
      entry,
      message: messageFor(entry),
      except: (entry.except ?? []).map((phrase) => [phrase, occurrences(phrase, entry.term)]),
    });
  }
  const matcher = byTerm.size > 0 ? new AhoCorasick([...byTerm.keys()]) : null;

  return {
    size: byTerm.size,
    check(text: string): TextFinding[] {
      if (!matcher || text === '') return [];
      const matches = matcher
        .matchInText(text)
        .filter((m) => {
          const known = byTerm.get(m.keyword);
          if (!known) return false;
          return !known.except.some(([phrase, at]) => at.some((p) => text.startsWith(phrase, m.begin - p)));
        })
        .sort((a, b) => a.begin - b.begin || b.end - a.end);
      const findings: TextFinding[] = [];
      let coveredTo = -1;
      for (const m of matches) {
        if (m.end <= coveredTo) continue; // inside a longer match already reported
        coveredTo = m.end;
        const known = byTerm.get(m.keyword);
        if (!known) continue;
        const finding: TextFinding = {
          code: 'WORDING',
          level: known.entry.level,
          offset: m.begin,
          length: m.end - m.begin,
          message: known.message,
          category: known.entry.category,
        };
        if (known.entry.suggestion !== undefined) finding.suggestion = known.entry.suggestion;
        findings.push(finding);
      }
      return findings;
    },
  };
}

let shippedChecker: WordingChecker | undefined;

/** The checker for an agency's dictionary; without agency data, the shipped dictionary compiled once. */
export function wordingChecker(agency?: AgencyWording): WordingChecker {
  if (!agency || (!agency.entries?.length && !agency.disabledTerms?.length)) {
    shippedChecker ??= compileWordingChecker(mergeWordingEntries());
    return shippedChecker;
  }
  return compileWordingChecker(mergeWordingEntries(agency));
}
