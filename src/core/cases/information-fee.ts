/**
 * 信息处理费 (条例第四十二条; 国办函〔2020〕109号): free by default; when volume or frequency clearly exceed a reasonable
 * range, ONE of two progressive methods per application, never both:
 *   按件 byItems — counted per applicant over one calendar month: items 1–10 free, 11–30 at 100元, then each band
 *                  of 10 costs 100元 more than the one before (31–40: 200, 41–50: 300, …);
 *   按量 byPages — per application by pages supplied: 1–30 free, 31–100 at 10元, 101–200 at 20元, from 201 at 40元.
 * Amounts are whole yuan.
 */
import type { IsoDate } from '../calendar/iso-date.ts';

export type FeeInput =
  /** `priorItems`: items this applicant already applied for earlier in the same calendar month. */
  { method: 'byItems'; priorItems: number; items: number } | { method: 'byPages'; pages: number };

export interface FeeBand {
  /** First and last item number / page number of the band that this application falls into. */
  from: number;
  to: number;
  count: number;
  rateYuan: number;
  subtotalYuan: number;
}

export type FeeResult =
  | { ok: true; method: FeeInput['method']; amountYuan: number; bands: FeeBand[]; description: string }
  | { ok: false; field: string; message: string };

export const FEE_METHOD_LABELS = { byItems: '按件计收', byPages: '按量计收' } as const;

export function itemRate(n: number): number {
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 * (2 + Math.floor((n - 31) / 10));
}

export function pageRate(n: number): number {
  if (n <= 30) return 0;
  if (n <= 100) return 10;
  if (n <= 200) return 20;
  return 40;
}

/** Sums rate(n) for n in first..last, grouped into bands of equal rate. */
function progressive(first: number, last: number, rate: (n: number) => number): FeeBand[] {
  const bands: FeeBand[] = [];
  for (let n = first; n <= last; n++) {
    const r = rate(n);
    const band = bands.at(-1);
    if (band && band.rateYuan === r) {
      band.to = n;
      band.count++;
      band.subtotalYuan += r;
    } else bands.push({ from: n, to: n, count: 1, rateYuan: r, subtotalYuan: r });
  }
  return bands;
}

const count = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000;

export function informationFee(input: FeeInput): FeeResult {
  const raw = input as Record<string, unknown>;
  if ('pages' in raw && ('items' in raw || 'priorItems' in raw))
    return { ok: false, field: 'method', message: '计费方式：按件计收与按量计收只能选择一种（国办函〔2020〕109号）' };
  if (input.method === 'byItems') {
    if (!count(input.items) || input.items < 1) return { ok: false, field: 'items', message: '申请件数：须为正整数' };
    if (!count(input.priorItems)) return { ok: false, field: 'priorItems', message: '本月此前申请件数：须为非负整数' };
    const bands = progressive(input.priorItems + 1, input.priorItems + input.items, itemRate);
    return finish('byItems', bands, `本自然月第${input.priorItems + 1}至${input.priorItems + input.items}件`);
  }
  if (input.method === 'byPages') {
    if (!count(input.pages)) return { ok: false, field: 'pages', message: '页数：须为非负整数' };
    return finish('byPages', progressive(1, input.pages, pageRate), `共${input.pages}页`);
  }
  return { ok: false, field: 'method', message: '计费方式：须为按件计收或按量计收' };
}

function finish(method: FeeInput['method'], bands: FeeBand[], what: string): FeeResult {
  const amountYuan = bands.reduce((s, b) => s + b.subtotalYuan, 0);
  const unit = method === 'byItems' ? '件' : '页';
  const parts = bands.map((b) => `${b.from}—${b.to}${unit}${b.rateYuan === 0 ? '免费' : `${b.count}×${b.rateYuan}元`}`);
  return {
    ok: true,
    method,
    amountYuan,
    bands,
    description: `${FEE_METHOD_LABELS[method]}，${what}：${parts.join('，')}，合计${amountYuan}元`,
  };
}

/** The 按件 count before this application: the same applicant's items received earlier in the same calendar month. */
export function priorItemsThisMonth(
  earlier: readonly { applicantKey: string; receivedOn: IsoDate; items: number }[],
  applicantKey: string,
  receivedOn: IsoDate,
): number {
  const month = receivedOn.slice(0, 7);
  let total = 0;
  for (const a of earlier)
    if (a.applicantKey === applicantKey && a.receivedOn.slice(0, 7) === month && a.receivedOn <= receivedOn)
      total += a.items;
  return total;
}
