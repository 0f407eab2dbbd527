/**
 * The national table layouts (国办公开办函〔2021〕30号 and the 2019 trial format 国办公开办函〔2019〕60号):
 * every row and column key of the JSON form (docs/report-json.md) with the Chinese label the template prints.
 * Readers, writers and the checker all take labels from here, so a label is spelled once.
 */

export type FormatVersion = '2021' | '2019';

export const T3_COLUMNS = ['natural', 'commercial', 'research', 'social', 'legal', 'other', 'total'] as const;
export type T3Column = (typeof T3_COLUMNS)[number];

export const T3_COLUMN_LABELS: Record<T3Column, string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  social: '社会公益组织',
  legal: '法律服务机构',
  other: '其他',
  total: '总计',
};

export interface RowSpec<K extends string = string> {
  key: K;
  /** The label as the template prints it. */
  label: string;
  /** The group heading the row sits under in the template, e.g. （三）不予公开. */
  group?: string;
  /** Normalised fragments that identify the row in a published table (see normalizeLabel). */
  match: string[];
}

const T3_ROWS_COMMON_HEAD: RowSpec[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量', match: ['本年新收'] },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量', match: ['上年结转'] },
  { key: 'granted', label: '（一）予以公开', group: '三、本年度办理结果', match: ['予以公开'] },
  {
    key: 'partial',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    group: '三、本年度办理结果',
    match: ['部分公开'],
  },
  { key: 'denied1', label: '1.属于国家秘密', group: '（三）不予公开', match: ['国家秘密'] },
  { key: 'denied2', label: '2.其他法律行政法规禁止公开', group: '（三）不予公开', match: ['法规禁止公开'] },
  { key: 'denied3', label: '3.危及“三安全一稳定”', group: '（三）不予公开', match: ['三安全一稳定'] },
  { key: 'denied4', label: '4.保护第三方合法权益', group: '（三）不予公开', match: ['第三方合法权益'] },
  { key: 'denied5', label: '5.属于三类内部事务信息', group: '（三）不予公开', match: ['内部事务信息'] },
  { key: 'denied6', label: '6.属于四类过程性信息', group: '（三）不予公开', match: ['过程性信息'] },
  { key: 'denied7', label: '7.属于行政执法案卷', group: '（三）不予公开', match: ['行政执法案卷'] },
  { key: 'denied8', label: '8.属于行政查询事项', group: '（三）不予公开', match: ['行政查询事项'] },
  { key: 'unable1', label: '1.本机关不掌握相关政府信息', group: '（四）无法提供', match: ['不掌握相关'] },
  { key: 'unable2', label: '2.没有现成信息需要另行制作', group: '（四）无法提供', match: ['另行制作'] },
  { key: 'unable3', label: '3.补正后申请内容仍不明确', group: '（四）无法提供', match: ['仍不明确'] },
  { key: 'notProcessed1', label: '1.信访举报投诉类申请', group: '（五）不予处理', match: ['信访举报投诉'] },
  { key: 'notProcessed2', label: '2.重复申请', group: '（五）不予处理', match: ['重复申请'] },
  { key: 'notProcessed3', label: '3.要求提供公开出版物', group: '（五）不予处理', match: ['公开出版物'] },
  { key: 'notProcessed4', label: '4.无正当理由大量反复申请', group: '（五）不予处理', match: ['大量反复申请'] },
  {
    key: 'notProcessed5',
    label: '5.要求行政机关确认或重新出具已获取信息',
    group: '（五）不予处理',
    match: ['重新出具已获取信息', '确认或重新出具'],
  },
];

const T3_ROWS_OTHER_2021: RowSpec[] = [
  {
    key: 'other1',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    group: '（六）其他处理',
    match: ['逾期不补正'],
  },
  {
    key: 'other2',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    group: '（六）其他处理',
    match: ['缴纳费用'],
  },
  { key: 'other3', label: '3.其他', group: '（六）其他处理', match: ['3.其他'] },
];

const T3_ROWS_OTHER_2019: RowSpec[] = [
  { key: 'other', label: '（六）其他处理', group: '三、本年度办理结果', match: ['其他处理'] },
];

const T3_ROWS_TAIL: RowSpec[] = [
  { key: 'total', label: '（七）总计', group: '三、本年度办理结果', match: ['(七)总计', '七)总计'] },
  { key: 'carryForward', label: '四、结转下年度继续办理', match: ['结转下年度'] },
];

export const T3_ROWS: Record<FormatVersion, RowSpec[]> = {
  '2021': [...T3_ROWS_COMMON_HEAD, ...T3_ROWS_OTHER_2021, ...T3_ROWS_TAIL],
  '2019': [...T3_ROWS_COMMON_HEAD, ...T3_ROWS_OTHER_2019, ...T3_ROWS_TAIL],
};

export const T3_ROW_GROUP_HEADINGS = [
  '三、本年度办理结果',
  '（三）不予公开',
  '（四）无法提供',
  '（五）不予处理',
  '（六）其他处理',
] as const;

export const T4_GROUPS = ['review', 'suitDirect', 'suitAfterReview'] as const;
export type T4Group = (typeof T4_GROUPS)[number];
export const T4_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export type T4Column = (typeof T4_COLUMNS)[number];
export const T4_GROUP_LABELS: Record<T4Group, string> = {
  review: '行政复议',
  suitDirect: '行政诉讼·未经复议直接起诉',
  suitAfterReview: '行政诉讼·复议后起诉',
};
export const T4_COLUMN_LABELS: Record<T4Column, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

/** One numeric cell of table 2, as a path under `t2` and the labels a person reads. */
export interface T2CellSpec {
  path: string;
  /** The block heading, e.g. 第二十条第（一）项. */
  block: string;
  row: string;
  column: string;
  /** Decimal amounts (万元) or signed changes (2019 本年增/减) or text kept as printed (2019 采购总金额). */
  kind: 'count' | 'amount' | 'change' | 'text';
}

export interface T2Block {
  block: string;
  columns: string[];
  rows: { key: string; label: string; match: string[]; fields: string[] }[];
}

/** Table 2 blocks in template order. A row with a single field stores a bare number (2021 处理决定数量). */
export const T2_BLOCKS: Record<FormatVersion, T2Block[]> = {
  '2021': [
    {
      block: '第二十条第（一）项',
      columns: ['本年制发件数', '本年废止件数', '现行有效件数'],
      rows: [
        { key: 'regulations', label: '规章', match: ['规章'], fields: ['issued', 'repealed', 'inForce'] },
        {
          key: 'normativeDocs',
          label: '行政规范性文件',
          match: ['规范性文件'],
          fields: ['issued', 'repealed', 'inForce'],
        },
      ],
    },
    {
      block: '第二十条第（五）项',
      columns: ['本年处理决定数量'],
      rows: [{ key: 'licensing', label: '行政许可', match: ['行政许可'], fields: [] }],
    },
    {
      block: '第二十条第（六）项',
      columns: ['本年处理决定数量'],
      rows: [
        { key: 'punishment', label: '行政处罚', match: ['行政处罚'], fields: [] },
        { key: 'enforcement', label: '行政强制', match: ['行政强制'], fields: [] },
      ],
    },
    {
      block: '第二十条第（八）项',
      columns: ['本年收费金额（单位：万元）'],
      rows: [{ key: 'fees10kYuan', label: '行政事业性收费', match: ['行政事业性收费'], fields: [] }],
    },
  ],
  '2019': [
    {
      block: '第二十条第（一）项',
      columns: ['本年新制作数量', '本年新公开数量', '对外公开总数量'],
      rows: [
        { key: 'regulations', label: '规章', match: ['规章'], fields: ['made', 'published', 'total'] },
        { key: 'normativeDocs', label: '规范性文件', match: ['规范性文件'], fields: ['made', 'published', 'total'] },
      ],
    },
    {
      block: '第二十条第（五）项',
      columns: ['上一年项目数量', '本年增/减', '处理决定数量'],
      rows: [
        { key: 'licensing', label: '行政许可', match: ['行政许可'], fields: ['previous', 'change', 'decisions'] },
        {
          key: 'otherServices',
          label: '其他对外管理服务事项',
          match: ['其他对外管理服务事项', '对外管理服务'],
          fields: ['previous', 'change', 'decisions'],
        },
      ],
    },
    {
      block: '第二十条第（六）项',
      columns: ['上一年项目数量', '本年增/减', '处理决定数量'],
      rows: [
        { key: 'punishment', label: '行政处罚', match: ['行政处罚'], fields: ['previous', 'change', 'decisions'] },
        { key: 'enforcement', label: '行政强制', match: ['行政强制'], fields: ['previous', 'change', 'decisions'] },
      ],
    },
    {
      block: '第二十条第（八）项',
      columns: ['上一年项目数量', '本年增/减'],
      rows: [{ key: 'fees', label: '行政事业性收费', match: ['行政事业性收费'], fields: ['previous', 'change'] }],
    },
    {
      block: '第二十条第（九）项',
      columns: ['采购项目数量', '采购总金额'],
      rows: [{ key: 'procurement', label: '政府集中采购', match: ['政府集中采购'], fields: ['projects', 'amount'] }],
    },
  ],
};

/** Every numeric cell of table 2 for a format, in template order. */
export function t2Cells(format: FormatVersion): T2CellSpec[] {
  const cells: T2CellSpec[] = [];
  for (const block of T2_BLOCKS[format]) {
    for (const row of block.rows) {
      if (row.fields.length === 0) {
        cells.push({
          path: `t2.${row.key}`,
          block: block.block,
          row: row.label,
          column: block.columns[0] ?? '',
          kind: row.key === 'fees10kYuan' ? 'amount' : 'count',
        });
        continue;
      }
      row.fields.forEach((field, i) => {
        const kind: T2CellSpec['kind'] = field === 'change' ? 'change' : field === 'amount' ? 'text' : 'count';
        cells.push({
          path: `t2.${row.key}.${field}`,
          block: block.block,
          row: row.label,
          column: block.columns[i] ?? '',
          kind,
        });
      });
    }
  }
  return cells;
}

/** The six section headings of the report body (条例第五十条 fixes the content). */
export const SECTION_TITLES = {
  '1': '一、总体情况',
  '2': '二、主动公开政府信息情况',
  '3': '三、收到和处理政府信息公开申请情况',
  '4': '四、政府信息公开行政复议、行政诉讼情况',
  '5': '五、存在的主要问题及改进情况',
  '6': '六、其他需要报告的事项',
} as const;
export type SectionNumber = keyof typeof SECTION_TITLES;
export const SECTION_NUMBERS = Object.keys(SECTION_TITLES) as SectionNumber[];
