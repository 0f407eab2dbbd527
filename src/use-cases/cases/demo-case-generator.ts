import { addWorkingDays } from '../../core/calendar/add-working-days.ts';
import { addDays, type IsoDate } from '../../core/calendar/iso-date.ts';
import type { WorkingCalendar } from '../../core/calendar/working-calendar.ts';
import { ANSWER_KINDS, type AnswerKind } from '../../core/cases/answer-types.ts';
import type { ApplicantType } from '../../core/cases/applicant-type.ts';
import type { CaseEvent } from '../../core/cases/case-event.ts';
import type { Channel } from '../../core/cases/channel.ts';
import { residentIdCheckChar } from '../../core/cases/identity-number.ts';
import { normaliseRequest } from '../../core/cases/normalise-request.ts';
import { replay } from '../../core/cases/replay.ts';
import type { CaseEventRow, CaseRow } from '../../db/schema.ts';
import type { DataKeyring } from '../../security/field-cipher.ts';
import { sealApplicant, type ApplicantData } from './applicant-data.ts';
import { cacheOf, eventRow } from './case-record.ts';

/**
 * Realistic application histories for the demo district and the benchmarks: every outcome row, channel and
 * applicant type, and open, overdue, extended, paused, awaiting-correction and appealed cases. Deterministic
 * (seeded), every history validated by the core state machine (a history it refuses is dropped, never stored).
 */
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

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['明', '丽', '强', '芳', '伟', '静', '磊', '敏', '洋', '艳', '军', '杰', '婷', '斌', '霞'];
const ORGS: Record<Exclude<ApplicantType, 'natural'>, string[]> = {
  commercial: ['无锡市太湖建材有限公司', '滨湖区蠡湖餐饮管理有限公司', '江苏惠山物流有限公司'],
  research: ['江南大学环境研究所', '无锡市城市规划研究中心'],
  social: ['无锡市滨湖区助老服务中心', '太湖生态保护志愿者协会'],
  legal: ['江苏锡山律师事务所', '无锡市法律援助中心'],
  other: ['荣巷社区居民委员会', '马山业主委员会'],
};
const REQUESTS = [
  '2025年度本单位部门预算和决算公开文本',
  '蠡湖大道拓宽工程征收补偿安置方案及批复文件',
  '辖区内老旧小区改造项目的立项批复及资金使用情况',
  '本机关2025年行政处罚案件的处罚决定书（涉及本公司部分）',
  '荣巷街道某地块集体土地征收的征地公告及补偿标准',
  '滨湖区义务教育阶段学校划片招生方案',
  '某小学操场改造工程的招标文件和中标结果',
  '区市场监管局对某餐饮企业食品安全检查的检查记录',
  '最低生活保障对象认定的审批程序及标准文件',
  '马山街道2024年防汛应急预案',
  '本人房屋所在地块的拆迁许可证及公告',
  '太湖沿岸违建整治的专项行动方案',
  '河埒街道社区养老服务设施建设规划',
  '区政府常务会议关于停车收费调整的会议纪要',
  '本单位公务用车购置及运行费用明细',
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function weighted<T>(r: () => number, xs: readonly [T, number][]): T {
  const total = xs.reduce((n, [, w]) => n + w, 0);
  let x = r() * total;
  for (const [v, w] of xs) {
    x -= w;
    if (x < 0) return v;
  }
  return xs[0]![0];
}

function fakeResidentId(r: () => number): string {
  const birth = `19${50 + Math.floor(r() * 50)}${String(1 + Math.floor(r() * 12)).padStart(2, '0')}${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const first17 = `320211${birth}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

function fakeApplicant(r: () => number, type: ApplicantType): ApplicantData {
  const name = pick(r, [...SURNAMES]) + pick(r, GIVEN) + (r() < 0.5 ? pick(r, GIVEN) : '');
  const natural = type === 'natural';
  return {
    name,
    organisation: natural ? '' : pick(r, ORGS[type]),
    idType: natural ? 'residentId' : 'creditCode',
    // Organisations: a fixed valid credit code (the demo does not need many); persons: generated valid numbers.
    idNumber: natural ? fakeResidentId(r) : '91320211MA1MXXXX0X'.replace(/X/g, '0').slice(0, 17) + 'Y',
    phone: `139${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
    email: r() < 0.4 ? `user${Math.floor(r() * 10000)}@example.cn` : '',
    address: r() < 0.6 ? `江苏省无锡市滨湖区蠡湖大道${1 + Math.floor(r() * 2000)}号` : '',
    postcode: '214000',
  };
}

type Scenario =
  | 'answered'
  | 'correction'
  | 'extended'
  | 'consulted'
  | 'fee'
  | 'feeAbandoned'
  | 'noCorrection'
  | 'withdrawn'
  | 'appealed'
  | 'open'
  | 'overdue'
  | 'pausedOpen'
  | 'awaitingCorrection';

/** One history, or null when the calendar or today cuts it short. */
function history(
  r: () => number,
  cal: WorkingCalendar,
  received: IsoDate,
  channel: Channel,
  applicantType: ApplicantType,
  scenario: Scenario,
  answer: AnswerKind,
  head: string,
): CaseEvent[] {
  const wd = (from: IsoDate, n: number): IsoDate => {
    const p = addWorkingDays(cal, from, n, []);
    return p.ok ? p.value.due : addDays(from, n + 10);
  };
  const events: CaseEvent[] = [{ type: 'received', date: received, channel, applicantType }];
  const answerOn = (from: IsoDate, n: number) => events.push({ type: 'answered', date: wd(from, n), answer });
  switch (scenario) {
    case 'answered':
      answerOn(received, 3 + Math.floor(r() * 15));
      break;
    case 'correction': {
      const asked = wd(received, 2);
      events.push({ type: 'correctionRequested', date: asked, correctBy: addDays(asked, 15) });
      const got = wd(asked, 4);
      events.push({ type: 'corrected', date: got });
      answerOn(got, 5 + Math.floor(r() * 10));
      break;
    }
    case 'extended': {
      const on = wd(received, 17);
      events.push({ type: 'extended', date: on, days: 15, approvedBy: head, noticeDate: on });
      answerOn(received, 25 + Math.floor(r() * 8));
      break;
    }
    case 'consulted': {
      const sent = wd(received, 4);
      const kind = r() < 0.7 ? ('thirdParty' as const) : ('interAgency' as const);
      events.push({ type: 'consultationStarted', date: sent, kind });
      events.push({ type: 'consultationEnded', date: wd(sent, 8), kind });
      answerOn(wd(sent, 8), 6);
      break;
    }
    case 'fee': {
      const sent = wd(received, 5);
      events.push({ type: 'feeNoticeSent', date: sent, amountYuan: 100 * (1 + Math.floor(r() * 5)) });
      const paid = wd(sent, 6);
      events.push({ type: 'feePaid', date: paid });
      answerOn(paid, 5);
      break;
    }
    case 'feeAbandoned': {
      const sent = wd(received, 5);
      events.push({ type: 'feeNoticeSent', date: sent, amountYuan: 300 });
      events.push({ type: 'abandoned', date: wd(sent, 22), reason: 'feeUnpaid' });
      break;
    }
    case 'noCorrection': {
      const asked = wd(received, 3);
      const by = addDays(asked, 15);
      events.push({ type: 'correctionRequested', date: asked, correctBy: by });
      events.push({ type: 'abandoned', date: wd(by, 2), reason: 'noCorrection' });
      break;
    }
    case 'withdrawn':
      events.push({ type: 'withdrawn', date: wd(received, 2 + Math.floor(r() * 6)) });
      break;
    case 'appealed': {
      const on = wd(received, 10 + Math.floor(r() * 8));
      events.push({ type: 'answered', date: on, answer });
      const kind = weighted(r, [
        ['review', 6],
        ['suitDirect', 2],
        ['suitAfterReview', 1],
      ] as const);
      const filed = addDays(on, 20 + Math.floor(r() * 30));
      if (kind === 'suitAfterReview') {
        events.push({ type: 'appealFiled', date: filed, appealId: 'A1', kind: 'review' });
        events.push({ type: 'appealDecided', date: addDays(filed, 50), appealId: 'A1', result: 'upheld' });
        events.push({ type: 'appealFiled', date: addDays(filed, 60), appealId: 'A2', kind: 'suitAfterReview' });
      } else {
        events.push({ type: 'appealFiled', date: filed, appealId: 'A1', kind });
        if (r() < 0.6)
          events.push({
            type: 'appealDecided',
            date: addDays(filed, 45),
            appealId: 'A1',
            result: weighted(r, [
              ['upheld', 6],
              ['corrected', 2],
              ['other', 1],
            ] as const),
          });
      }
      break;
    }
    case 'pausedOpen':
      events.push({ type: 'consultationStarted', date: wd(received, 3), kind: 'thirdParty' });
      break;
    case 'awaitingCorrection': {
      const asked = wd(received, 2);
      events.push({ type: 'correctionRequested', date: asked, correctBy: addDays(asked, 15) });
      break;
    }
    case 'open':
    case 'overdue':
      break;
  }
  return events;
}

export interface DemoAgency {
  id: string;
  /** Staff ids that may be assignees; the first is the usual 承办人. */
  handlers: { id: string; name: string }[];
  head: string;
}

export interface GeneratedCases {
  rows: CaseRow[];
  events: CaseEventRow[];
}

/**
 * `count` cases per agency received over the year before `today`; histories cut at `today` stay open (so the
 * lists have overdue and due-soon work). With `seal: false` (benchmarks) all applicants share one sealed value.
 */
export function generateCases(options: {
  keys: DataKeyring;
  calendar: WorkingCalendar;
  agencies: readonly DemoAgency[];
  perAgency: number;
  today: IsoDate;
  at: string;
  seed?: number;
  demo?: boolean;
  sealEach?: boolean;
  eventRows?: boolean;
}): GeneratedCases {
  const r = seededRandom(options.seed ?? 20261127);
  const { calendar: cal, today } = options;
  const rows: CaseRow[] = [];
  const events: CaseEventRow[] = [];
  const shared = options.sealEach === false ? sealApplicant(options.keys, fakeApplicant(r, 'natural')) : null;
  let answerIndex = 0;
  let n = 0;
  for (const agency of options.agencies) {
    for (let i = 0; i < options.perAgency; i++) {
      n++;
      const applicantType = weighted<ApplicantType>(r, [
        ['natural', 70],
        ['commercial', 12],
        ['research', 3],
        ['social', 4],
        ['legal', 6],
        ['other', 5],
      ]);
      const channel = weighted<Channel>(r, [
        ['online', 55],
        ['inPerson', 15],
        ['post', 15],
        ['ordinaryLetter', 7],
        ['fax', 3],
      ]);
      const ageDays = Math.floor(r() * 360);
      let received = addDays(today, -ageDays);
      const recentScenario = weighted<Scenario>(r, [
        ['open', 6],
        ['pausedOpen', 1],
        ['awaitingCorrection', 1],
        ['answered', 2],
      ]);
      let scenario: Scenario =
        ageDays < 25
          ? recentScenario
          : weighted<Scenario>(r, [
              ['answered', 40],
              ['correction', 6],
              ['extended', 5],
              ['consulted', 5],
              ['fee', 3],
              ['feeAbandoned', 1],
              ['noCorrection', 2],
              ['withdrawn', 3],
              ['appealed', 5],
              ['overdue', 1],
            ]);
      if (ageDays > 300 && scenario === 'overdue') scenario = 'answered';
      // Paper applications arrive on working days; the weekend online ones are received on the day they came.
      if (channel !== 'online') {
        const p = addWorkingDays(cal, addDays(received, -1), 1, []);
        if (p.ok) received = p.value.due;
      }
      if (received > today) received = today;
      const answer = ANSWER_KINDS[answerIndex++ % ANSWER_KINDS.length]!;
      let evs = history(r, cal, received, channel, applicantType, scenario, answer, agency.head);
      // Cut what lies after today: the case is then still open at that point of its history.
      evs = evs.filter((e, idx) => idx === 0 || e.date <= today);
      const replayed = replay(evs, cal, { asOf: today });
      if (!replayed.ok) continue;
      const id = `demo-${String(n).padStart(7, '0')}`;
      const assignee = agency.handlers.length > 0 ? agency.handlers[i % agency.handlers.length]! : null;
      const description = pick(r, REQUESTS);
      const applicant = shared ?? sealApplicant(options.keys, fakeApplicant(r, applicantType));
      const entries = options.eventRows === false ? [] : evs;
      rows.push({
        id,
        agency_id: agency.id,
        tracking_code: `YSDEMO${String(n).padStart(8, '0')}`,
        secret_hash: '-',
        idempotency_key: null,
        applicant_type: applicantType,
        ...applicant,
        id_type: applicantType === 'natural' ? 'residentId' : 'creditCode',
        channel,
        description,
        request_norm: normaliseRequest(description),
        form_wanted: pick(r, ['paper', 'electronic', 'electronic']),
        delivery_wanted: pick(r, ['post', 'email', 'online', 'pickup']),
        received_on: received,
        ...cacheOf(replayed.snapshot),
        assignee_id: assignee?.id ?? null,
        approval_json: null,
        event_count: entries.length,
        is_demo: options.demo ? 1 : 0,
        version: 1,
        created_at: options.at,
        updated_at: options.at,
      });
      const ctx = { actor: null, clock: () => new Date(options.at) };
      entries.forEach((e, idx) =>
        events.push(
          eventRow(
            ctx,
            id,
            idx + 1,
            { kind: 'state', event: e },
            idx === 0 ? '收件登记' : (assignee?.name ?? '承办人'),
          ),
        ),
      );
    }
  }
  return { rows, events };
}
