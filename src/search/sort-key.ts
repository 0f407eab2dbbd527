/**
 * The integer key of an indexed item, in the order results are shown within a tier: newest 发布日期 first. The
 * full-text indexes (FTS5 rowid, the PostgreSQL key) iterate in this order, so "newest 20 matches" stops after
 * 20 matches instead of sorting all of them. Key = days since 1970 × 2²⁰ + a slot for the item that day; the slot
 * comes from a hash of the id (stable across re-indexing) and moves on when taken.
 */
export const slotsPerDay = 2 ** 20;

export function dayNumber(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new Error(`发布日期格式应为 YYYY-MM-DD：${isoDate}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = Math.floor(t / 86_400_000);
  // 1970-01-01 … 9999-12-31: keeps keys positive and below 2^53.
  if (!Number.isFinite(day) || day < 0 || day > 2_932_896) throw new Error(`发布日期超出范围：${isoDate}`);
  return day;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The key tried at `attempt` (0, 1, …) for an item published on `isoDate`. */
export function sortKeyCandidate(isoDate: string, id: string, attempt: number): number {
  const slot = (fnv1a(id) + attempt * 0x9e3779b1) % slotsPerDay;
  return dayNumber(isoDate) * slotsPerDay + slot;
}
