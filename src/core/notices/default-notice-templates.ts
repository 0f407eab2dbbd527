/**
 * The templates Gongkai ships: one for every procedural notice and one answer (答复告知书) for every outcome row of
 * table 3, keyed by the row keys of src/core/report/layout.ts, plus two variants where one row covers two
 * situations of 条例第三十六条 (granted: 第（一）项 already published / 第（二）项 provided; unable1: 第（四）项 does not
 * exist / 第（五）项 another agency's). Written in the register agencies use; staff copy and edit them per agency.
 *
 * Every answer cites its articles of 《中华人民共和国政府信息公开条例》 (disclosure-rules.md §1) and states the
 * applicant's rights: 行政复议 within 60 days (《中华人民共和国行政复议法》) and 行政诉讼 within 6 months
 * (《中华人民共和国行政诉讼法》), both counted from receipt of the notice.
 */
import { isAnswerRow, type AnswerRow, type ProceduralNoticeKind } from './notice-kind.ts';
import type { NoticeTemplate } from './notice-template.ts';

const LAW = '《中华人民共和国政府信息公开条例》';

/** The rights statement every answer ends with (and the 收费通知书, whose charge can be challenged too). */
export const RIGHTS_STATEMENT =
  '如对本答复不服，可以自收到本告知书之日起60日内依照《中华人民共和国行政复议法》向{{复议机关}}申请行政复议，' +
  '或者自收到本告知书之日起6个月内依照《中华人民共和国行政诉讼法》向{{管辖法院}}提起行政诉讼。';

const CONTACT = '联系电话：{{联系电话}}。';

const ANSWER_OPENING =
  '本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（受理编号：{{受理编号}}），' +
  '申请获取“{{申请内容摘要}}”。现答复如下：';

function answer(id: string, row: AnswerRow, situation: string, decision: string[]): NoticeTemplate {
  return {
    id,
    kind: 'answer',
    row,
    name: `答复告知书（${situation}）`,
    title: '政府信息公开申请答复告知书',
    addressee: '{{申请人}}：',
    body: [ANSWER_OPENING, ...decision, RIGHTS_STATEMENT, '特此告知。', CONTACT].join('\n'),
    attachments: '',
  };
}

const ANSWERS: NoticeTemplate[] = [
  answer('granted', 'granted', '予以公开', [
    `经审查，您（单位）申请获取的政府信息属于可以公开的政府信息。根据${LAW}第三十六条第（二）项的规定，本机关予以公开，现通过{{提供方式}}向您（单位）提供该政府信息。`,
  ]),
  answer('grantedPublished', 'granted', '予以公开·已主动公开', [
    `经查，您（单位）申请获取的政府信息本机关已主动公开。根据${LAW}第三十六条第（一）项的规定，现告知您（单位）获取该政府信息的方式和途径：{{获取途径}}。`,
  ]),
  answer('partial', 'partial', '部分公开', [
    `经审查，您（单位）申请获取的政府信息中，{{不予公开内容}}不予公开，理由是：{{理由}}。其余内容可以公开。`,
    `根据${LAW}第三十六条第（二）项、第（三）项和第三十七条的规定，本机关对该政府信息作区分处理，现通过{{提供方式}}向您（单位）提供可以公开的内容。`,
  ]),
  answer('denied1', 'denied1', '不予公开·国家秘密', [
    `经审查，您（单位）申请获取的政府信息属于依法确定为国家秘密的政府信息。根据${LAW}第十四条和第三十六条第（三）项的规定，本机关决定不予公开。`,
  ]),
  answer('denied2', 'denied2', '不予公开·法律行政法规禁止公开', [
    `经审查，您（单位）申请获取的政府信息属于{{法律法规名称}}禁止公开的政府信息。根据${LAW}第十四条和第三十六条第（三）项的规定，本机关决定不予公开。`,
  ]),
  answer('denied3', 'denied3', '不予公开·危及“三安全一稳定”', [
    `经审查，您（单位）申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，理由是：{{理由}}。根据${LAW}第十四条和第三十六条第（三）项的规定，本机关决定不予公开。`,
  ]),
  answer('denied4', 'denied4', '不予公开·保护第三方合法权益', [
    `经审查，您（单位）申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。{{理由}}。根据${LAW}第十五条、第三十二条和第三十六条第（三）项的规定，本机关决定不予公开。`,
  ]),
  answer('denied5', 'denied5', '不予公开·内部事务信息', [
    `经审查，您（单位）申请获取的政府信息属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息），具体为：{{理由}}。根据${LAW}第十六条第一款和第三十六条第（三）项的规定，本机关决定不予公开。`,
  ]),
  answer('denied6', 'denied6', '不予公开·过程性信息', [
    `经审查，您（单位）申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息，具体为：{{理由}}。根据${LAW}第十六条第二款和第三十六条第（三）项的规定，本机关决定不予公开。`,
  ]),
  answer('denied7', 'denied7', '不予公开·行政执法案卷', [
    `经审查，您（单位）申请获取的政府信息属于行政执法案卷信息。根据${LAW}第十六条第二款和第三十六条第（三）项的规定，本机关决定不予公开。`,
  ]),
  answer('denied8', 'denied8', '不予公开·行政查询事项', [
    `经审查，您（单位）申请获取的信息属于{{法律法规名称}}对信息的获取有特别规定的查询事项。根据${LAW}第三十六条第（七）项的规定，请您（单位）依照{{法律法规名称}}的规定办理：{{获取途径}}。`,
  ]),
  answer('unable1', 'unable1', '无法提供·信息不存在', [
    `经检索，本机关未制作或者获取您（单位）申请公开的政府信息。根据${LAW}第三十六条第（四）项的规定，现告知您（单位）该政府信息不存在。`,
  ]),
  answer('unable1OtherAgency', 'unable1', '无法提供·不属于本机关负责公开', [
    `经审查，您（单位）申请公开的政府信息不属于本机关负责公开，理由是：{{理由}}。根据${LAW}第三十六条第（五）项的规定，该政府信息由{{负责机关}}负责公开（联系方式：{{负责机关联系方式}}），您（单位）可以向其提出申请。`,
  ]),
  answer('unable2', 'unable2', '无法提供·需另行制作', [
    `经审查，本机关没有您（单位）申请获取的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析（{{理由}}）。根据${LAW}第三十八条的规定，本机关不予提供。`,
  ]),
  answer('unable3', 'unable3', '无法提供·补正后仍不明确', [
    `本机关已于{{补正告知日期}}书面告知您（单位）补正申请内容。您（单位）补正后的申请内容仍不明确，本机关无法确定您（单位）所需的政府信息。根据${LAW}第二十九条第二款和第三十条的规定，本机关无法提供。您（单位）可以写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述后重新提出申请。`,
  ]),
  answer('notProcessed1', 'notProcessed1', '不予处理·信访举报投诉类申请', [
    `经审查，您（单位）提出的申请属于以政府信息公开申请的形式进行信访、投诉、举报等活动。根据${LAW}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您（单位）可以通过{{办理渠道}}提出。`,
  ]),
  answer('notProcessed2', 'notProcessed2', '不予处理·重复申请', [
    `经查，本机关已就您（单位）提出的相同政府信息公开申请作出答复（{{前次答复}}），您（单位）本次申请公开的政府信息与已答复的相同。根据${LAW}第三十六条第（六）项的规定，本机关不予重复处理。`,
  ]),
  answer('notProcessed3', 'notProcessed3', '不予处理·要求提供公开出版物', [
    `经审查，您（单位）申请获取的是政府公报、报刊、书籍等公开出版物。根据${LAW}第三十九条第二款的规定，本机关不予处理，现告知获取途径：{{获取途径}}。`,
  ]),
  answer('notProcessed4', 'notProcessed4', '不予处理·无正当理由大量反复申请', [
    `经审查，您（单位）申请公开政府信息的数量、频次明显超过合理范围。本机关要求您（单位）说明理由后，认为申请理由不合理：{{理由}}。根据${LAW}第三十五条的规定，本机关不予处理。`,
  ]),
  answer('notProcessed5', 'notProcessed5', '不予处理·要求确认或重新出具已获取信息', [
    `经审查，您（单位）提出的申请系要求本机关确认或者重新出具您（单位）已获取的信息，不属于${LAW}第二条所称的获取政府信息的申请。本机关不作为政府信息公开申请处理，您（单位）可以通过{{办理渠道}}办理相关事项。`,
  ]),
  answer('other1', 'other1', '其他处理·逾期不补正', [
    `本机关已于{{补正告知日期}}书面告知您（单位）补正申请内容，补正期限至{{补正期限}}。您（单位）无正当理由逾期未补正。根据${LAW}第三十条的规定，视为您（单位）放弃申请，本机关不再处理该政府信息公开申请。`,
  ]),
  answer('other2', 'other2', '其他处理·逾期未缴纳信息处理费', [
    `本机关已于{{收费通知日期}}向您（单位）送达信息处理费收费通知书，缴费期限至{{缴费期限}}。您（单位）逾期未按收费通知要求缴纳费用。根据${LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为您（单位）放弃申请，本机关不再处理该政府信息公开申请。`,
  ]),
  answer('other3', 'other3', '其他处理·终止办理', [
    `{{终止原因}}。根据${LAW}的有关规定，本机关终止办理该政府信息公开申请。`,
  ]),
];

const PROCEDURAL: Record<ProceduralNoticeKind, NoticeTemplate> = {
  receipt: {
    id: 'receipt',
    kind: 'receipt',
    row: null,
    name: '受理回执',
    title: '政府信息公开申请受理回执',
    addressee: '{{申请人}}：',
    body: [
      '本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请，申请获取“{{申请内容摘要}}”。受理编号：{{受理编号}}。',
      `根据${LAW}第三十一条、第三十三条的规定，本机关将自收到申请之日起20个工作日内，即{{答复期限}}前作出答复；需要延长答复期限的，经政府信息公开工作机构负责人同意，本机关将另行告知，延长的期限最长不超过20个工作日。征求第三方和其他机关意见所需时间、等待缴纳信息处理费的时间不计算在答复期限内。`,
      '您（单位）可以凭受理编号和查询码（{{查询码}}）在本机关政府信息公开平台查询办理进度。请妥善保管查询码，不要告诉他人。',
      CONTACT,
    ].join('\n'),
    attachments: '',
  },
  correction: {
    id: 'correction',
    kind: 'correction',
    row: null,
    name: '补正告知书',
    title: '政府信息公开申请补正告知书',
    addressee: '{{申请人}}：',
    body: [
      '本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（受理编号：{{受理编号}}）。经审查，您（单位）的申请内容不明确，本机关无法确定您（单位）所需的政府信息。',
      `根据${LAW}第二十九条第二款、第三十条的规定，请您（单位）对以下事项作出补正：{{补正事项}}。`,
      '请于{{补正期限}}前提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      '特此告知。',
      CONTACT,
    ].join('\n'),
    attachments: '',
  },
  extension: {
    id: 'extension',
    kind: 'extension',
    row: null,
    name: '延期答复告知书',
    title: '政府信息公开申请延期答复告知书',
    addressee: '{{申请人}}：',
    body: [
      '本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（受理编号：{{受理编号}}），申请获取“{{申请内容摘要}}”。',
      `因{{延期理由}}，本机关不能在规定期限内作出答复。根据${LAW}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长至{{延长后答复期限}}，延长的期限不超过20个工作日。`,
      '特此告知。',
      CONTACT,
    ].join('\n'),
    attachments: '',
  },
  consultThirdParty: {
    id: 'consultThirdParty',
    kind: 'consultThirdParty',
    row: null,
    name: '征求第三方意见函',
    title: '政府信息公开征求第三方意见函',
    addressee: '{{第三方}}：',
    body: [
      '本机关于{{收到日期}}收到一件政府信息公开申请（受理编号：{{受理编号}}），申请获取“{{申请内容摘要}}”。经审查，该政府信息可能涉及您（单位）的商业秘密、个人隐私等合法权益，公开可能损害您（单位）的合法权益。',
      `根据${LAW}第三十二条的规定，现书面征求您（单位）的意见。请于{{征求意见期限}}前（自收到本函之日起15个工作日内）书面提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照${LAW}的规定决定是否公开。`,
      '第三方不同意公开且有合理理由的，本机关不予公开。本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（单位）。',
      CONTACT,
    ].join('\n'),
    attachments: '',
  },
  consultAgency: {
    id: 'consultAgency',
    kind: 'consultAgency',
    row: null,
    name: '征求其他机关意见函',
    title: '政府信息公开征求意见函',
    addressee: '{{被征求机关}}：',
    body: [
      '本机关于{{收到日期}}收到一件政府信息公开申请（受理编号：{{受理编号}}），申请获取“{{申请内容摘要}}”。该政府信息由本机关与贵机关共同制作。',
      `根据${LAW}第三十四条的规定，现征求贵机关对公开该政府信息的意见。请于{{征求意见期限}}前（自收到本函之日起15个工作日内）书面回复；逾期未提出意见的，视为同意公开。`,
      CONTACT,
    ].join('\n'),
    attachments: '',
  },
  feeNotice: {
    id: 'feeNotice',
    kind: 'feeNotice',
    row: null,
    name: '收费通知书',
    title: '政府信息公开信息处理费收费通知书',
    addressee: '{{申请人}}：',
    body: [
      `本机关于{{收到日期}}收到您（单位）提出的政府信息公开申请（受理编号：{{受理编号}}）。您（单位）申请公开政府信息的数量、频次明显超过合理范围，根据${LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关依法收取信息处理费。`,
      '计费方式：{{计费方式}}。',
      '收费标准：{{收费标准}}。',
      '计费明细：{{计费明细}}。',
      '应缴金额：人民币{{收费金额}}元。',
      '请于收到本通知书次日起20个工作日内，即{{缴费期限}}前，通过{{缴费方式}}缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。等待缴费的时间不计算在答复期限内，本机关自收到费用之日起继续办理。',
      RIGHTS_STATEMENT.replace('本答复', '本收费决定').replace(/本告知书/g, '本通知书'),
      CONTACT,
    ].join('\n'),
    attachments: '',
  },
};

export const DEFAULT_NOTICE_TEMPLATES: readonly NoticeTemplate[] = [...Object.values(PROCEDURAL), ...ANSWERS];

const BY_ID = new Map(DEFAULT_NOTICE_TEMPLATES.map((t) => [t.id, t]));

/** A fresh copy of a default template, or undefined for an unknown id. */
export function defaultNoticeTemplate(id: string): NoticeTemplate | undefined {
  const template = BY_ID.get(id);
  return template === undefined ? undefined : { ...template };
}

/** The default answer for a table-3 row (the first situation when the row has several). */
export function defaultAnswerTemplate(row: AnswerRow): NoticeTemplate {
  return { ...(BY_ID.get(row) as NoticeTemplate) };
}

/** Every default answer counted in this row, the row's own first. */
export function answerTemplatesFor(row: string): NoticeTemplate[] {
  if (!isAnswerRow(row)) return [];
  return ANSWERS.filter((t) => t.row === row).map((t) => ({ ...t }));
}
