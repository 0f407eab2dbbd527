/**
 * Every way an application ends (disclosure-rules §1; 条例第三十–三十九条), each counted in exactly one table-3 row,
 * with the provisions to cite and the decision's wording for the 告知书. Placeholders in 〔〕 are filled by the
 * person writing the notice (the template engine treats `〔…〕` as a required blank).
 *
 * The first group are answers staff give (`answered` event); the last three come from other events (withdrawal,
 * abandonment) and are listed so that the notice templates and the table code see one list.
 */
import type { LegalBasisId } from './legal-basis.ts';
import type { OutcomeRow } from './outcome-row.ts';

export interface OutcomeType {
  row: OutcomeRow;
  /** Short name in lists: 已主动公开. */
  label: string;
  /** The title of the notice sent. */
  noticeTitle: string;
  basis: LegalBasisId[];
  /** The decision paragraph of the notice; citations are written out, 〔…〕 are blanks to fill. */
  decision: string;
  /** Whether the notice states the rights to 行政复议 (60 days) and 行政诉讼 (6 months) — every decision does. */
  statesRemedies: boolean;
  /** Why this basis, when the 条例 has no article of its own for the situation. */
  note?: string;
}

const T = '《中华人民共和国政府信息公开条例》';

const answers = {
  alreadyPublished: {
    row: 'granted',
    label: '已主动公开，告知获取方式',
    noticeTitle: '政府信息公开申请答复告知书',
    basis: ['art36_1'],
    decision: `经审查，您申请获取的政府信息本机关已经主动公开。根据${T}第三十六条第（一）项的规定，现告知您可以通过以下方式、途径获取该政府信息：〔获取方式、途径〕。`,
  },
  disclosed: {
    row: 'granted',
    label: '予以公开',
    noticeTitle: '政府信息公开申请答复告知书',
    basis: ['art36_2'],
    decision: `经审查，您申请获取的政府信息属于可以公开的政府信息。根据${T}第三十六条第（二）项的规定，本机关向您提供该政府信息（见附件）〔或：告知获取该政府信息的方式、途径和时间〕。`,
  },
  partiallyDisclosed: {
    row: 'partial',
    label: '部分公开（区分处理）',
    noticeTitle: '政府信息部分公开告知书',
    basis: ['art37'],
    decision: `经审查，您申请获取的政府信息中含有不应当公开的内容〔不予公开的内容〕，但是能够作区分处理。根据${T}第三十七条的规定，本机关向您提供可以公开的政府信息内容（见附件）；对不予公开的内容，理由如下：〔理由及依据〕。`,
  },
  stateSecret: {
    row: 'denied1',
    label: '不予公开：属于国家秘密',
    noticeTitle: '政府信息不予公开告知书',
    basis: ['art14', 'art36_3'],
    decision: `经审查，您申请获取的政府信息属于依法确定为国家秘密的政府信息。根据${T}第十四条、第三十六条第（三）项的规定，本机关决定不予公开。`,
  },
  lawForbids: {
    row: 'denied2',
    label: '不予公开：其他法律行政法规禁止公开',
    noticeTitle: '政府信息不予公开告知书',
    basis: ['art14', 'art36_3'],
    decision: `经审查，您申请获取的政府信息属于〔法律、行政法规名称及条款〕禁止公开的政府信息。根据${T}第十四条、第三十六条第（三）项的规定，本机关决定不予公开。`,
  },
  endangersSecurity: {
    row: 'denied3',
    label: '不予公开：危及“三安全一稳定”',
    noticeTitle: '政府信息不予公开告知书',
    basis: ['art14', 'art36_3'],
    decision: `经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，理由如下：〔理由〕。根据${T}第十四条、第三十六条第（三）项的规定，本机关决定不予公开。`,
  },
  thirdPartyRights: {
    row: 'denied4',
    label: '不予公开：保护第三方合法权益',
    noticeTitle: '政府信息不予公开告知书',
    basis: ['art15', 'art32', 'art36_3'],
    decision: `经审查，您申请获取的政府信息涉及〔商业秘密／个人隐私〕，公开会对第三方合法权益造成损害〔本机关已书面征求第三方意见，第三方不同意公开且有合理理由〕。根据${T}第十五条、第三十二条、第三十六条第（三）项的规定，本机关决定不予公开。`,
  },
  internalAffairs: {
    row: 'denied5',
    label: '不予公开：属于三类内部事务信息',
    noticeTitle: '政府信息不予公开告知书',
    basis: ['art16_1', 'art36_3'],
    decision: `经审查，您申请获取的政府信息属于本机关的内部事务信息（〔人事管理／后勤管理／内部工作流程〕方面的信息）。根据${T}第十六条第一款、第三十六条第（三）项的规定，本机关决定不予公开。`,
  },
  processInformation: {
    row: 'denied6',
    label: '不予公开：属于四类过程性信息',
    noticeTitle: '政府信息不予公开告知书',
    basis: ['art16_2', 'art36_3'],
    decision: `经审查，您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的〔讨论记录／过程稿／磋商信函／请示报告〕等过程性信息。根据${T}第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。`,
  },
  enforcementCaseFile: {
    row: 'denied7',
    label: '不予公开：属于行政执法案卷',
    noticeTitle: '政府信息不予公开告知书',
    basis: ['art16_2', 'art36_3'],
    decision: `经审查，您申请获取的政府信息属于行政执法案卷信息。根据${T}第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。`,
  },
  registrationRecords: {
    row: 'denied8',
    label: '不予公开：属于行政查询事项',
    noticeTitle: '政府信息公开申请答复告知书',
    basis: ['art36_7'],
    decision: `经审查，您申请获取的信息属于〔工商／不动产登记资料〕等信息，有关法律、行政法规对信息的获取有特别规定。根据${T}第三十六条第（七）项的规定，请您依照〔法律、行政法规名称〕的规定向〔办理机构〕办理。`,
  },
  notHeld: {
    row: 'unable1',
    label: '无法提供：经检索没有该信息',
    noticeTitle: '政府信息不存在告知书',
    basis: ['art36_4'],
    decision: `经检索〔检索范围和方式〕，本机关没有您申请公开的政府信息。根据${T}第三十六条第（四）项的规定，告知您该政府信息不存在。`,
  },
  notThisAgency: {
    row: 'unable1',
    label: '无法提供：不属于本机关负责公开',
    noticeTitle: '非本机关政府信息告知书',
    basis: ['art36_5'],
    decision: `经审查，您申请公开的政府信息不属于本机关负责公开，理由如下：〔理由〕。根据${T}第三十六条第（五）项的规定，特此告知〔负责公开该政府信息的行政机关为：名称，联系方式〕。`,
  },
  needsCompilation: {
    row: 'unable2',
    label: '无法提供：没有现成信息需要另行制作',
    noticeTitle: '政府信息公开申请答复告知书',
    basis: ['art38'],
    decision: `经审查，本机关没有现成的您所申请的信息，需要对现有政府信息进行加工、分析才能形成。根据${T}第三十八条的规定，本机关不予提供。`,
  },
  stillUnclear: {
    row: 'unable3',
    label: '无法提供：补正后申请内容仍不明确',
    noticeTitle: '政府信息公开申请答复告知书',
    basis: ['art29', 'art30'],
    decision: `本机关已于〔补正告知日期〕告知您对申请作出补正。经审查，补正后的申请内容仍不明确，本机关无法确定您所申请公开的政府信息。根据${T}第二十九条、第三十条的规定，本机关无法向您提供。`,
  },
  petitionComplaint: {
    row: 'notProcessed1',
    label: '不予处理：信访举报投诉类申请',
    noticeTitle: '政府信息公开申请处理告知书',
    basis: ['art39_1'],
    decision: `经审查，您以政府信息公开申请的形式进行〔信访／投诉／举报〕活动。根据${T}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过〔相应渠道〕提出。`,
  },
  repeatRequest: {
    row: 'notProcessed2',
    label: '不予处理：重复申请',
    noticeTitle: '政府信息公开申请处理告知书',
    basis: ['art36_6'],
    decision: `本机关已于〔前次答复日期〕就您提出的政府信息公开申请作出答复（〔前次答复文号〕），您本次申请公开的是相同的政府信息。根据${T}第三十六条第（六）项的规定，本机关不予重复处理。`,
  },
  publication: {
    row: 'notProcessed3',
    label: '不予处理：要求提供公开出版物',
    noticeTitle: '政府信息公开申请处理告知书',
    basis: ['art39_2'],
    decision: `经审查，您申请获取的是〔政府公报／报刊／书籍〕等公开出版物。根据${T}第三十九条第二款的规定，告知您可以通过〔获取途径〕获取。`,
  },
  unreasonableVolume: {
    row: 'notProcessed4',
    label: '不予处理：无正当理由大量反复申请',
    noticeTitle: '政府信息公开申请处理告知书',
    basis: ['art35'],
    decision: `您申请公开政府信息的数量、频次明显超过合理范围，本机关已于〔要求说明理由日期〕要求您说明理由。经审查，本机关认为申请理由不合理。根据${T}第三十五条的规定，本机关不予处理。`,
  },
  confirmOrReissue: {
    row: 'notProcessed5',
    label: '不予处理：要求确认或重新出具已获取信息',
    noticeTitle: '政府信息公开申请处理告知书',
    basis: ['art27'],
    decision: `经审查，您的申请系要求本机关对您已获取的信息〔信息名称〕予以确认或者重新出具，不属于申请获取政府信息。根据${T}第二十七条的规定，本机关不作为政府信息公开申请处理。`,
    note: '条例没有专门条款；此行为2021年报告格式所设。依第二十七条，申请获取政府信息不包括要求确认或重新出具，引用前请由法制审核确认。',
  },
  otherEnding: {
    row: 'other3',
    label: '其他处理',
    noticeTitle: '政府信息公开申请处理告知书',
    basis: [],
    decision: '〔处理情形、理由及依据〕',
  },
} as const satisfies Record<string, Omit<OutcomeType, 'statesRemedies'>>;

const endings = {
  abandonedNoCorrection: {
    row: 'other1',
    label: '逾期不补正，视为放弃申请',
    noticeTitle: '政府信息公开申请终止处理告知书',
    basis: ['art30'],
    decision: `本机关已于〔补正告知日期〕告知您在〔补正期限〕前对申请作出补正，您无正当理由逾期未补正。根据${T}第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`,
  },
  abandonedFeeUnpaid: {
    row: 'other2',
    label: '逾期未缴纳信息处理费，视为放弃申请',
    noticeTitle: '政府信息公开申请终止处理告知书',
    basis: ['fee109Abandon'],
    decision:
      '本机关已于〔收费通知日期〕向您发出收费通知，您逾期未按收费通知要求缴纳信息处理费。根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。',
  },
  withdrawn: {
    row: 'other3',
    label: '申请人撤回申请',
    noticeTitle: '政府信息公开申请终止办理告知书',
    basis: [],
    decision: '您已于〔撤回日期〕撤回政府信息公开申请，本机关终止办理。',
  },
} as const satisfies Record<string, Omit<OutcomeType, 'statesRemedies'>>;

export type AnswerKind = keyof typeof answers;
export type EndingKind = keyof typeof endings;
export type OutcomeKind = AnswerKind | EndingKind;

export const OUTCOME_TYPES: Readonly<Record<OutcomeKind, OutcomeType>> = Object.fromEntries(
  Object.entries({ ...answers, ...endings }).map(([kind, t]) => [
    kind,
    // A withdrawal decides nothing against the applicant; every other ending is a decision one may contest.
    { ...t, basis: [...t.basis], statesRemedies: kind !== 'withdrawn' } as OutcomeType,
  ]),
) as Record<OutcomeKind, OutcomeType>;

export const ANSWER_KINDS = Object.keys(answers) as AnswerKind[];
export const OUTCOME_KINDS = Object.keys(OUTCOME_TYPES) as OutcomeKind[];

export function isAnswerKind(value: string): value is AnswerKind {
  return value in answers;
}

/** The paragraph every contestable notice ends with (条例第五十一条; 行政复议法、行政诉讼法). */
export const REMEDY_STATEMENT =
  '如对本答复不服，可以自收到本告知书之日起六十日内向〔行政复议机关〕申请行政复议，或者自收到本告知书之日起六个月内向〔人民法院〕提起行政诉讼。';

/** The kinds counted in each row — what a notice template keyed by row offers to choose from. */
export const OUTCOME_KINDS_BY_ROW: Readonly<Record<OutcomeRow, OutcomeKind[]>> = (() => {
  const byRow = {} as Record<OutcomeRow, OutcomeKind[]>;
  for (const kind of OUTCOME_KINDS) (byRow[OUTCOME_TYPES[kind].row] ??= []).push(kind);
  return byRow;
})();
