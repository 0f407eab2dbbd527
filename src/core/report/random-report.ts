/**
 * Deterministic random *valid* reports (identities I1–I5 hold, text agrees with the tables) for round-trip
 * tests and benchmarks. Same seed, same report.
 */
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS, type FormatVersion } from './layout.ts';
import { emptyReport } from './empty-report.ts';
import type { Report } from './report-schema.ts';

/** mulberry32: a tiny, well-known seeded PRNG (deterministic across platforms). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENCIES = [
  '荣巷街道办事处',
  '江源街道办事处',
  '娲城街道办事处',
  '东兴街道办事处',
  '滨湖区教育局',
  '梅村镇人民政府',
  '新安街道办事处',
  '区市场监督管理局',
];
const PHRASES = [
  '坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设',
  '健全信息发布审核机制，严格落实保密审查和“三审三校”制度',
  '围绕群众关切的重点领域，加大政策解读和回应关切力度',
  '优化依申请公开办理流程，依法保障申请人的知情权',
  '加强政府网站和政务新媒体管理，定期开展内容自查',
  '组织业务培训，提升工作人员的政策把握能力和业务水平',
];

export interface RandomReportOptions {
  format?: FormatVersion;
  /** Probability that a numeric cell is published blank (null). Default 0. */
  blankRate?: number;
}

export function randomReport(seed: number, options: RandomReportOptions = {}): Report {
  const rand = seededRandom(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const format = options.format ?? (rand() < 0.85 ? '2021' : '2019');
  const report = emptyReport(format) as Report & { t3: Record<string, Record<string, number | null>> };
  const year = format === '2019' ? 2019 + int(1) : 2021 + int(4);
  const agency = pick(AGENCIES);
  report.year = year;
  report.agency = agency;
  report.title = `${agency}${year}年政府信息公开工作年度报告`;
  const month = 1 + int(1);
  const day = 1 + int(27);
  report.dated = `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  report.publishedAt =
    rand() < 0.7
      ? `${report.dated}T${String(9 + int(8)).padStart(2, '0')}:${String(int(59)).padStart(2, '0')}:00+08:00`
      : null;

  // Table 3: outcome rows per column, then totals so that I1–I3 hold by construction.
  const rows = T3_ROWS[format].map((r) => r.key);
  const outcomeRows = rows.filter((k) => !['new', 'carriedOver', 'total', 'carryForward'].includes(k));
  const dataColumns = T3_COLUMNS.filter((c) => c !== 'total');
  const heavy = rand() < 0.3; // some agencies receive many applications
  for (const col of dataColumns) {
    const weight = col === 'natural' ? 1 : col === 'commercial' ? 0.4 : 0.1;
    let outcomes = 0;
    for (const row of outcomeRows) {
      const v = rand() < 0.35 * weight ? int(heavy ? 40 : 4) : 0;
      report.t3[row]![col] = v;
      outcomes += v;
    }
    const carryForward = rand() < 0.3 ? int(3) : 0;
    const carriedOver = Math.min(outcomes + carryForward, rand() < 0.3 ? int(3) : 0);
    report.t3.total![col] = outcomes;
    report.t3.carryForward![col] = carryForward;
    report.t3.carriedOver![col] = carriedOver;
    report.t3.new![col] = outcomes + carryForward - carriedOver;
  }
  for (const row of rows) {
    const r = report.t3[row]!;
    r.total = dataColumns.reduce((s, c) => s + (r[c] ?? 0), 0);
  }

  // Table 4: each group adds up.
  const t4 = report.t4 as Record<string, Record<string, number | null>>;
  for (const group of T4_GROUPS) {
    let sum = 0;
    for (const col of T4_COLUMNS) {
      if (col === 'total') continue;
      const v = rand() < 0.2 ? int(3) : 0;
      t4[group]![col] = v;
      sum += v;
    }
    t4[group]!.total = sum;
  }

  // Table 2.
  if (report.format === '2021') {
    const t2 = report.t2;
    for (const key of ['regulations', 'normativeDocs'] as const) {
      const issued = key === 'regulations' ? 0 : int(6);
      const repealed = key === 'regulations' ? 0 : int(2);
      t2[key] = { issued, repealed, inForce: issued + int(30) };
    }
    t2.licensing = rand() < 0.5 ? int(500) : 0;
    t2.punishment = rand() < 0.5 ? int(200) : 0;
    t2.enforcement = rand() < 0.3 ? int(20) : 0;
    t2.fees10kYuan = rand() < 0.2 ? Math.round(rand() * 10000) / 100 : 0;
  } else {
    const t2 = report.t2;
    for (const key of ['regulations', 'normativeDocs'] as const) {
      const made = int(5);
      t2[key] = { made, published: made, total: made + int(40) };
    }
    for (const key of ['licensing', 'otherServices', 'punishment', 'enforcement'] as const) {
      t2[key] = { previous: int(50), change: int(10) - 5, decisions: int(300) };
    }
    t2.fees = { previous: int(5), change: int(2) - 1 };
    t2.procurement = { projects: int(10), amount: `${int(900) * 1000}元` };
  }

  const total = (report.t3.new!.total ?? 0) as number;
  const reviews = (t4.review!.total ?? 0) + (t4.suitDirect!.total ?? 0) + (t4.suitAfterReview!.total ?? 0);
  report.sections = {
    '1': [
      `${year}年，${agency}${pick(PHRASES)}。`,
      `（一）主动公开。${pick(PHRASES)}。`,
      `（二）依申请公开。本年共收到政府信息公开申请${total}件，均在法定期限内答复。`,
      `（三）政府信息管理。${pick(PHRASES)}。`,
      `（四）政府信息公开平台建设。${pick(PHRASES)}。`,
      `（五）监督保障。${pick(PHRASES)}。`,
    ].join('\n'),
    '2': '',
    '3': '',
    '4': reviews === 0 ? '本年度未发生政府信息公开行政复议、行政诉讼案件。' : '',
    '5': `（一）存在的问题：${pick(PHRASES)}方面仍有不足。\n（二）改进情况：针对上年度问题，${pick(PHRASES)}。`,
    '6': `本年度${pick(['未收取信息处理费。', '未收取信息处理费，无其他需要报告的事项。'])}`,
  };

  const blankRate = options.blankRate ?? 0;
  if (blankRate > 0) {
    for (const row of rows) for (const col of T3_COLUMNS) if (rand() < blankRate) report.t3[row]![col] = null;
  }
  return report;
}
