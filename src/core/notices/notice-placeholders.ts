/**
 * The named placeholders a notice template may use, written `{{申请人}}`. The list is closed: a template naming
 * anything else is refused (notice-template.ts), because a misspelt placeholder would otherwise be printed as is in a
 * notice sent to a citizen. Each placeholder says which notice kinds can fill it.
 */
import type { NoticeKind } from './notice-kind.ts';

export type PlaceholderType = 'text' | 'date' | 'amount';

export interface PlaceholderSpec {
  name: string;
  /** What staff see beside the template editor. */
  description: string;
  /** `date`: an ISO date (YYYY-MM-DD) printed as 2025年10月29日; `amount`: 元, printed 4700 or 100.50. */
  type: PlaceholderType;
  kinds: 'all' | readonly NoticeKind[];
}

const ANSWER = ['answer'] as const;

export const NOTICE_PLACEHOLDERS: readonly PlaceholderSpec[] = [
  { name: '申请人', description: '申请人姓名或者法人、其他组织名称', type: 'text', kinds: 'all' },
  { name: '受理编号', description: '申请的受理编号', type: 'text', kinds: 'all' },
  {
    name: '收到日期',
    description: '本机关收到申请的日期（补正的，为收到补正后申请的日期；条例第三十一条）',
    type: 'date',
    kinds: 'all',
  },
  { name: '申请内容摘要', description: '申请获取的政府信息的名称或者特征描述', type: 'text', kinds: 'all' },
  { name: '答复日期', description: '本文书的成文日期，印在落款', type: 'date', kinds: 'all' },
  { name: '机关名称', description: '作出本文书的行政机关名称，印在落款', type: 'text', kinds: 'all' },
  { name: '文号', description: '本文书的文号，如“滨政公开〔2025〕12号”', type: 'text', kinds: 'all' },
  { name: '联系电话', description: '本机关政府信息公开工作机构的联系电话', type: 'text', kinds: 'all' },
  { name: '复议机关', description: '受理行政复议申请的机关名称', type: 'text', kinds: 'all' },
  { name: '管辖法院', description: '有管辖权的人民法院名称', type: 'text', kinds: 'all' },
  { name: '答复期限', description: '法定答复期限的最后一日（条例第三十三条）', type: 'date', kinds: ['receipt'] },
  { name: '查询码', description: '申请人查询办理进度用的查询码', type: 'text', kinds: ['receipt'] },
  { name: '补正事项', description: '需要申请人补正的事项', type: 'text', kinds: ['correction'] },
  { name: '补正期限', description: '补正的截止日期', type: 'date', kinds: ['correction', 'answer'] },
  { name: '补正告知日期', description: '补正告知书的送达日期', type: 'date', kinds: ANSWER },
  { name: '延期理由', description: '不能按期答复的理由', type: 'text', kinds: ['extension'] },
  { name: '延长后答复期限', description: '延长后的答复期限最后一日', type: 'date', kinds: ['extension'] },
  {
    name: '第三方',
    description: '被征求意见的第三方（公民、法人或者其他组织）',
    type: 'text',
    kinds: ['consultThirdParty'],
  },
  { name: '被征求机关', description: '共同制作该政府信息的其他行政机关', type: 'text', kinds: ['consultAgency'] },
  {
    name: '征求意见期限',
    description: '回复意见的截止日期（自收到之日起15个工作日）',
    type: 'date',
    kinds: ['consultThirdParty', 'consultAgency'],
  },
  { name: '计费方式', description: '按件计收或者按量计收（国办函〔2020〕109号）', type: 'text', kinds: ['feeNotice'] },
  { name: '收费标准', description: '适用的收费标准全文', type: 'text', kinds: ['feeNotice'] },
  { name: '计费明细', description: '件数或者页数及各档计算过程', type: 'text', kinds: ['feeNotice'] },
  { name: '收费金额', description: '应缴金额（元）', type: 'amount', kinds: ['feeNotice'] },
  { name: '缴费方式', description: '缴费的账户、地点或者平台', type: 'text', kinds: ['feeNotice'] },
  {
    name: '缴费期限',
    description: '缴费截止日期（收到通知次日起20个工作日）',
    type: 'date',
    kinds: ['feeNotice', 'answer'],
  },
  { name: '收费通知日期', description: '收费通知书的送达日期', type: 'date', kinds: ANSWER },
  {
    name: '提供方式',
    description: '提供政府信息的形式和途径，如“电子邮件”“邮寄纸质复印件”',
    type: 'text',
    kinds: ANSWER,
  },
  { name: '获取途径', description: '已公开信息或者公开出版物的获取途径（网址、地点）', type: 'text', kinds: ANSWER },
  { name: '不予公开内容', description: '区分处理时不予公开的部分', type: 'text', kinds: ANSWER },
  { name: '理由', description: '作出本答复的具体事实和理由', type: 'text', kinds: ANSWER },
  { name: '法律法规名称', description: '禁止公开或者对查询另有规定的法律、行政法规名称', type: 'text', kinds: ANSWER },
  {
    name: '负责机关',
    description: '负责公开该政府信息的行政机关（条例第三十六条第（五）项）',
    type: 'text',
    kinds: ANSWER,
  },
  { name: '负责机关联系方式', description: '负责公开该政府信息的行政机关的联系方式', type: 'text', kinds: ANSWER },
  { name: '办理渠道', description: '信访、投诉、举报或者确认、出具事项的办理渠道', type: 'text', kinds: ANSWER },
  { name: '前次答复', description: '已作出的答复（日期和文号）', type: 'text', kinds: ANSWER },
  { name: '终止原因', description: '终止办理的原因，如申请人撤回申请', type: 'text', kinds: ANSWER },
];

const BY_NAME = new Map(NOTICE_PLACEHOLDERS.map((p) => [p.name, p]));

export function placeholderSpec(name: string): PlaceholderSpec | undefined {
  return BY_NAME.get(name);
}

export function placeholderAvailable(spec: PlaceholderSpec, kind: NoticeKind): boolean {
  return spec.kinds === 'all' || spec.kinds.includes(kind);
}

/** The placeholders a template of this kind may use, for the editor's help list. */
export function placeholdersFor(kind: NoticeKind): PlaceholderSpec[] {
  return NOTICE_PLACEHOLDERS.filter((p) => placeholderAvailable(p, kind));
}
