/**
 * The catalogue a new agency starts from, after common practice on county-level portals and the 基层政务公开标准
 * 目录 of 国办发〔2019〕54号 (《关于全面推进基层政务公开标准化规范化工作的指导意见》, 26 领域). Agencies then adjust it
 * (validate-catalogue.ts keeps the result sound).
 *
 * 规章 appear only in the catalogue of a 设区的市 government: only such governments (and State Council departments)
 * make 规章 (《立法法》第九十三条), so an empty 规章 column on a 街道 or 部门 portal would only mislead. Table 2 still
 * prints the 规章 row, with 0.
 */
import type { AgencyKind } from '../platform/agency-kind.ts';
import { fixedColumnNames, type Catalogue, type CatalogueNode } from './catalogue.ts';

const leaf = (code: string, name: string, extra: Partial<CatalogueNode> = {}): CatalogueNode => ({
  code,
  name,
  ...extra,
});
const branch = (code: string, name: string, children: CatalogueNode[]): CatalogueNode => ({ code, name, children });

type Profile = 'government' | 'subdistrict' | 'town' | 'department';

function profileOf(kind: AgencyKind): Profile {
  switch (kind) {
    case 'city':
    case 'district':
    case 'district_office':
      return 'government';
    case 'subdistrict':
      return 'subdistrict';
    case 'town':
      return 'town';
    case 'department':
      return 'department';
  }
}

function organisation(profile: Profile): CatalogueNode {
  const children = [leaf('overview', '机构概况'), leaf('leaders', '领导信息'), leaf('internal-units', '内设机构')];
  if (profile === 'department' || profile === 'government') children.push(leaf('affiliated-units', '下属单位'));
  return branch('organisation', '机构职能', children);
}

function policies(kind: AgencyKind): CatalogueNode {
  const children: CatalogueNode[] = [];
  if (kind === 'city') children.push(leaf('regulations', '规章', { normativeKind: 'regulation' }));
  children.push(leaf('normative-documents', '行政规范性文件', { normativeKind: 'normative' }));
  children.push(leaf('other-documents', '其他文件'));
  return branch('policies', '政策文件', children);
}

function finance(profile: Profile): CatalogueNode {
  const own = profile === 'department' ? '部门' : '';
  return branch('finance', '财政信息', [leaf('budgets', `${own}预算`), leaf('final-accounts', `${own}决算`)]);
}

/** 重点领域 after the 基层政务公开 标准目录: what a 街道 / 乡镇 actually publishes about. */
const keyAreaLeaves: Record<string, CatalogueNode> = {
  socialAssistance: leaf('social-assistance', '社会救助'),
  elderlyCare: leaf('elderly-care', '养老服务'),
  employment: leaf('employment', '就业创业'),
  workSafety: leaf('work-safety', '安全生产'),
  publicCulture: leaf('public-culture', '公共文化服务'),
  legalServices: leaf('legal-services', '公共法律服务'),
  urban: leaf('urban-management', '城市管理'),
  veterans: leaf('veterans', '退役军人服务'),
  disaster: leaf('disaster-relief', '救灾'),
  farmSubsidies: leaf('farm-subsidies', '涉农补贴'),
  ruralHousing: leaf('rural-housing', '农村危房改造'),
  ruralRevitalisation: leaf('rural-revitalisation', '乡村振兴'),
  landCompensation: leaf('land-compensation', '征地补偿'),
  majorProjects: leaf('major-projects', '重大建设项目'),
  publicResources: leaf('public-resources', '公共资源交易'),
  education: leaf('education', '义务教育'),
  health: leaf('public-health', '公共卫生'),
  environment: leaf('environment', '生态环境'),
  foodDrug: leaf('food-drug', '食品药品监管'),
};

function keyAreas(profile: Profile): CatalogueNode {
  const k = keyAreaLeaves;
  const pick = (...names: (keyof typeof keyAreaLeaves)[]) => names.map((n) => ({ ...(k[n] as CatalogueNode) }));
  switch (profile) {
    case 'subdistrict':
      return branch(
        'key-areas',
        '重点领域',
        pick(
          'socialAssistance',
          'elderlyCare',
          'employment',
          'workSafety',
          'publicCulture',
          'legalServices',
          'urban',
          'veterans',
          'disaster',
        ),
      );
    case 'town':
      return branch(
        'key-areas',
        '重点领域',
        pick(
          'socialAssistance',
          'elderlyCare',
          'employment',
          'workSafety',
          'farmSubsidies',
          'ruralHousing',
          'ruralRevitalisation',
          'landCompensation',
          'publicCulture',
          'legalServices',
          'veterans',
          'disaster',
        ),
      );
    case 'government':
      return branch(
        'key-areas',
        '重点领域',
        pick(
          'majorProjects',
          'publicResources',
          'socialAssistance',
          'elderlyCare',
          'employment',
          'education',
          'health',
          'environment',
          'workSafety',
          'foodDrug',
        ),
      );
    case 'department':
      // A department's key areas depend on what it does: one column it renames or splits.
      return leaf('key-areas', '重点领域');
  }
}

/** 行政许可 / 行政处罚 / 行政检查: 条例第二十条第（五）（六）项, published by agencies that enforce. */
function lawEnforcement(): CatalogueNode {
  return branch('law-enforcement', '行政执法', [
    leaf('licensing', '行政许可'),
    leaf('penalties', '行政处罚'),
    leaf('inspections', '行政检查'),
  ]);
}

export function defaultCatalogue(kind: AgencyKind): Catalogue {
  const profile = profileOf(kind);
  const statutory: CatalogueNode[] = [
    organisation(profile),
    policies(kind),
    leaf('interpretations', '政策解读'),
    branch('plans', '规划计划', [leaf('development-plans', '发展规划'), leaf('work-plans', '工作计划和总结')]),
    finance(profile),
    branch('personnel', '人事信息', [leaf('appointments', '人事任免'), leaf('recruitment', '招录招聘')]),
  ];
  if (profile === 'department' || profile === 'government') {
    statutory.push(lawEnforcement(), leaf('proposals', '建议提案办理'));
  }
  statutory.push(leaf('news', '工作动态'), leaf('notices', '公示公告'), keyAreas(profile));
  return {
    columns: [
      { code: 'guide', name: fixedColumnNames.guide, fixed: 'guide' },
      { code: 'rules', name: fixedColumnNames.rules, fixed: 'rules' },
      { code: 'statutory', name: fixedColumnNames.statutory, fixed: 'statutory', children: statutory },
      { code: 'annual-reports', name: fixedColumnNames['annual-reports'], fixed: 'annual-reports' },
    ],
  };
}
