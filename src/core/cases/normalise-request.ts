/**
 * A request description reduced to what identifies the information asked for, so that the same request typed
 * differently compares equal: full-width/half-width and case folded (NFKC), spaces and punctuation dropped
 * (〔2025〕 and [2025] alike), and the request verbs and politeness around it removed (申请公开 / 请提供 / 您好 …).
 */
const FILLER = [
  '您好',
  '你好',
  '谢谢',
  '麻烦',
  '我想',
  '本人',
  '申请人',
  '依申请',
  '申请公开',
  '申请获取',
  '申请提供',
  '请求公开',
  '要求公开',
  '请公开',
  '请提供',
  '请给予',
  '予以公开',
  '的政府信息',
  '政府信息',
  '相关信息',
  '信息公开',
];

export function normaliseRequest(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = s.replace(/[\s\p{P}\p{S}]+/gu, '');
  for (const f of FILLER) s = s.split(f).join('');
  return s;
}

/** Character-bigram Dice similarity of two normalised descriptions, 0…1 (1 = same bigrams). */
export function requestSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) {
      const g = s.slice(i, i + 2);
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}
