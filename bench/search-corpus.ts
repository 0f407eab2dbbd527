/**
 * A deterministic corpus of government-notice-like items for the search benchmark: the same seed gives the same
 * items on every machine. Titles and bodies are assembled from phrases in the style of 通知 / 公告 / 方案 / 解读 /
 * 工作动态; agencies form a tree (districts → 街道/乡镇/部门), twelve catalogues, years 2015–2025, 文号 and 索引号.
 * Fast: a million items in well under a minute (string concatenation from arrays, one PRNG).
 */
import type { SearchDocument } from '../src/search/search-document.ts';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const districts = [
  ['滨湖区', '锡滨'],
  ['梁溪区', '锡梁'],
  ['新吴区', '锡新'],
  ['惠山区', '锡惠'],
  ['锡山区', '锡锡'],
  ['江阴市', '澄'],
  ['宜兴市', '宜'],
  ['经开区', '锡经'],
] as const;
const streets = [
  '荣巷街道',
  '蠡园街道',
  '河埒街道',
  '马山街道',
  '太湖街道',
  '雪浪街道',
  '华庄街道',
  '蠡湖街道',
  '胡埭镇',
  '滨湖镇',
  '东港镇',
  '洛社镇',
  '阳山镇',
  '玉祁街道',
];
const departments = [
  '教育局',
  '民政局',
  '财政局',
  '市场监督管理局',
  '卫生健康委员会',
  '住房和城乡建设局',
  '生态环境局',
  '应急管理局',
  '人力资源和社会保障局',
  '司法局',
  '农业农村局',
  '交通运输局',
  '城市管理局',
  '退役军人事务局',
  '医疗保障局',
  '政府办公室',
];
export const catalogues = [
  'jgzn',
  'zcwj',
  'zcjd',
  'ghjh',
  'czxx',
  'rsxx',
  'gzdt',
  'gsgg',
  'zdly',
  'xzxk',
  'jyta',
  'ndbg',
];
const catalogueWords: Record<string, string[]> = {
  jgzn: ['机构职能', '内设机构', '领导信息'],
  zcwj: ['通知', '实施意见', '实施方案', '管理办法', '若干措施'],
  zcjd: ['政策解读', '图解', '问答'],
  ghjh: ['工作要点', '发展规划', '工作计划', '行动方案'],
  czxx: ['部门预算', '部门决算', '三公经费', '政府采购'],
  rsxx: ['招聘公告', '任前公示', '拟录用人员公示'],
  gzdt: ['工作动态', '召开会议', '开展活动', '调研'],
  gsgg: ['公告', '公示', '通告'],
  zdly: ['重点领域信息', '专项资金', '项目公示'],
  xzxk: ['行政许可', '行政处罚', '双随机一公开'],
  jyta: ['建议答复', '提案答复', '办理结果'],
  ndbg: ['政府信息公开工作年度报告'],
};
const topics = [
  '垃圾分类',
  '安全生产',
  '城市更新',
  '老旧小区改造',
  '防汛防台',
  '食品安全',
  '营商环境',
  '乡村振兴',
  '河长制',
  '消防安全',
  '最低生活保障',
  '养老服务',
  '义务教育招生',
  '政府信息公开',
  '财政预算',
  '政府采购',
  '人才引进',
  '就业创业',
  '社会保险',
  '医疗保障',
  '退役军人优抚',
  '文明城市创建',
  '生态环境保护',
  '大气污染防治',
  '建设用地规划',
  '房屋征收补偿',
  '公共资源交易',
  '农村人居环境整治',
  '燃气安全',
  '行政复议',
  '电动自行车充电',
  '物业管理',
  '网格化治理',
  '法治政府建设',
  '双拥工作',
  '残疾人两项补贴',
  '困难群众救助',
  '校外培训治理',
  '职业技能培训',
  '太湖水环境治理',
  '疫苗接种',
  '爱国卫生运动',
  '交通安全',
  '违法建设治理',
  '数字政府',
  '12345热线',
  '一网通办',
  '民生实事项目',
  '耕地保护',
  '森林防火',
];
const verbs = ['关于印发', '关于做好', '关于开展', '关于加强', '关于公布', '关于进一步规范', '关于调整', '关于推进'];
const openers = [
  '为深入贯彻落实党中央、国务院决策部署，',
  '为进一步提升基层治理能力和水平，',
  '根据上级有关文件精神，',
  '按照区委、区政府工作安排，',
  '为切实保障人民群众生命财产安全，',
  '为持续优化营商环境，',
  '为加快推进依法行政，',
];
const middles = [
  '现就有关事项通知如下。',
  '结合本地实际，制定本方案。',
  '经研究，决定开展专项行动。',
  '请各单位认真组织实施。',
  '特制定本实施细则。',
];
/** Sentences every kind of item uses. */
const common = [
  '一、提高思想认识。各{unit}要充分认识{topic}工作的重要性和紧迫性，切实加强组织领导，明确责任分工，确保各项任务落到实处。',
  '二、明确工作目标。到{year}年底，{topic}工作机制基本健全，群众满意度明显提升，形成可复制、可推广的经验做法。',
  '三、突出工作重点。聚焦群众反映强烈的突出问题，开展全面排查，建立问题清单、责任清单和整改清单，实行销号管理。',
  '四、强化督查考核。{office}将会同有关部门对各{unit}工作开展情况进行督查，督查结果纳入年度绩效考核。',
  '五、加强宣传引导。充分利用政务网站、政务新媒体等渠道，广泛宣传{topic}的政策措施和典型经验，营造良好社会氛围。',
  '六、做好信息报送。各{unit}于每月{day}日前将工作进展情况报送{dept}，联系人：{person}，联系电话：0510-{phone}。',
  '{community}位于{place}，辖区面积{count3}平方公里，常住人口{count}人，现有网格{count2}个。',
  '项目总投资约{count}万元，资金来源为{fund}，计划于{year}年{month}月开工建设，由{company}负责实施。',
  '本办法自发布之日起施行，有效期至{year}年12月31日。原有规定与本办法不一致的，以本办法为准。',
  '附件：{topic}工作任务分解表',
  '{person}同志，{age}岁，{education}学历，现任{dept}{post}，拟任{dept2}{post2}。',
  '{place}{project}工程已完成主体结构施工，累计完成投资{count}万元，占年度计划的{percent}%。',
];
/** Sentences of particular catalogues: 行政复议 and 街道 wording is common, but not in every item. */
const byCatalogue: Record<string, string[]> = {
  xzxk: [
    '申请人对本决定不服的，可以自收到本决定之日起六十日内向{district}人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
    '当事人{company}在{place}从事经营活动，经查，其行为违反了《{law}》第{article}条的规定，依法作出罚款{count}元的行政处罚。',
  ],
  gzdt: [
    '本次会议由{street}党工委书记{person}主持，街道班子成员、各社区党组织书记参加会议，会议对下阶段{topic}工作进行了部署。',
    '{street}组织网格员深入{community}开展{topic}入户宣传，发放宣传资料{count}余份，解答居民咨询{count2}人次。',
  ],
  gsgg: [
    '经审核，现将拟补助对象名单予以公示，公示期为{count3}个工作日，如有异议，请在公示期内向{street}社会事务办公室反映。',
    '公示对象：{person}、{person2}、{person3}等{count2}人，所在社区：{community}。',
  ],
  ndbg: [
    '本年度共收到政府信息公开申请{count2}件，全部按期答复，因政府信息公开引起行政复议{small}件、行政诉讼{small2}件。',
    '本年度主动公开政府信息{count}条，其中政策文件{count2}件，政策解读{count3}篇。',
  ],
  jyta: ['您提出的关于{topic}的建议收悉，现答复如下：{dept}高度重视，已将相关内容纳入{year}年工作计划。'],
  rsxx: [
    '根据《事业单位公开招聘人员暂行规定》，经{dept}研究，决定公开招聘工作人员{count3}名，报名时间为{year}年{month}月{day}日。',
  ],
  czxx: [
    '{year}年部门预算收入{count}万元，支出{count}万元，其中基本支出{count2}万元，项目支出{count3}万元，“三公”经费预算{small}万元。',
  ],
};
const units = ['街道', '镇', '部门', '单位', '社区', '园区', '学校', '医疗机构'];
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const given =
  '建国伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅春燕晓东海波宁志鹏飞斌辉浩文博雪琳宇晨欣怡子轩梓涵俊峰雨婷';
const syllables =
  '华锦新春阳光和平幸福绿园东风西山南湖北塘金星银河青莲翠竹梅园桃源清河长江太湖蠡湖荣巷河埒马山雪浪华庄胡埭钱桥';
const places = [
  '太湖大道',
  '梁溪路',
  '湖滨路',
  '蠡湖大道',
  '金城路',
  '解放南路',
  '高浪路',
  '建筑西路',
  '滨湖开发区',
  '科教产业园',
];
const projects = [
  '污水管网',
  '雨污分流',
  '道路提升',
  '安置房',
  '学校新建',
  '体育公园',
  '口袋公园',
  '停车场',
  '菜市场改造',
];
const companies = ['建设发展有限公司', '城市建设投资集团', '环境科技有限公司', '物业管理有限公司', '市政工程有限公司'];
const laws = [
  '中华人民共和国食品安全法',
  '中华人民共和国安全生产法',
  '中华人民共和国消防法',
  '无锡市市容和环境卫生管理条例',
];
const posts = ['科员', '副科长', '科长', '副主任', '主任', '副局长'];
const educations = ['大学本科', '研究生', '大专'];
const funds = ['区级财政资金', '上级专项资金', '地方政府专项债券', '社会资本'];

/** A template compiled once: literal text and slot names, filled by concatenation (fast). */
type Compiled = (string | { slot: string })[];
function compile(t: string): Compiled {
  return t.split(/(\{\w+\})/).map((part) => (/^\{\w+\}$/.test(part) ? { slot: part.slice(1, -1) } : part));
}
const commonCompiled = common.map(compile);
const byCatalogueCompiled: Record<string, Compiled[]> = Object.fromEntries(
  Object.entries(byCatalogue).map(([k, list]) => [k, list.map(compile)]),
);

export interface CorpusAgency {
  id: string;
  path: string;
  name: string;
  abbr: string;
}

/** The agency tree: one city root, the districts, and in each the 街道/乡镇 and 部门. */
export function corpusAgencies(): CorpusAgency[] {
  const root: CorpusAgency = { id: 'city', path: '/city/', name: '无锡市人民政府', abbr: '锡' };
  const out: CorpusAgency[] = [root];
  districts.forEach(([name, abbr], d) => {
    const district: CorpusAgency = { id: `d${d}`, path: `/city/d${d}/`, name: `${name}人民政府`, abbr };
    out.push(district);
    streets.forEach((s, i) =>
      out.push({ id: `d${d}s${i}`, path: `${district.path}d${d}s${i}/`, name: `${name}${s}`, abbr: `${abbr}${s[0]}` }),
    );
    departments.forEach((s, i) =>
      out.push({ id: `d${d}g${i}`, path: `${district.path}d${d}g${i}/`, name: `${name}${s}`, abbr: `${abbr}${s[0]}` }),
    );
  });
  return out;
}

/** Item `i` of the corpus (items are independent: any range can be generated on its own). */
export function makeCorpus(count: number, from = 0, seed = 20261122): SearchDocument[] {
  const agencies = corpusAgencies();
  const out: SearchDocument[] = [];
  for (let i = from; i < from + count; i++) {
    const r = mulberry32(seed ^ Math.imul(i + 1, 0x9e3779b1));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
    const pickChar = (chars: string): string => chars[Math.floor(r() * chars.length)]!;
    // Zipf-like topics: a few are everywhere, most are rarer — as in real catalogues.
    const topic = topics[Math.floor(topics.length * r() * r())]!;
    const agency = agencies[1 + Math.floor(r() * (agencies.length - 1))]!;
    const district = districts[Number(agency.id.slice(1, 2))] ?? districts[0];
    const year = 2015 + Math.floor(r() * 11);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const catalogue = pick(catalogues);
    const kind = pick(catalogueWords[catalogue]!);
    const serial = 1 + Math.floor(r() * 200);
    const hasNumber = catalogue === 'zcwj' || catalogue === 'ghjh' || r() < 0.1;
    const docNumber = hasNumber ? `${agency.abbr}${pick(['政发', '政办发', '发', '办'])}〔${year}〕${serial}号` : '';
    const title =
      catalogue === 'gzdt'
        ? `${agency.name.replace(district[0], '')}${pick(['召开', '部署', '推进', '开展'])}${topic}${kind}`
        : `${agency.name}${pick(verbs)}${topic}${kind}`;
    const street = pick(streets);
    const name = () => pickChar(surnames) + pickChar(given) + (r() < 0.5 ? pickChar(given) : '');
    const community = () => `${pickChar(syllables)}${pickChar(syllables)}社区`;
    const slots: Record<string, () => string> = {
      topic: () => topic,
      unit: () => pick(units),
      year: () => String(year),
      month: () => String(month),
      day: () => String(day),
      dept: () => `${district[0]}${pick(departments)}`,
      dept2: () => `${district[0]}${pick(departments)}`,
      office: () => `${district[0]}人民政府办公室`,
      phone: () => String(80000000 + Math.floor(r() * 9999999)),
      district: () => district[0],
      street: () => `${district[0]}${street}`,
      community,
      place: () => pick(places),
      project: () => pick(projects),
      company: () => `无锡${pickChar(syllables)}${pickChar(syllables)}${pick(companies)}`,
      law: () => pick(laws),
      article: () => String(1 + Math.floor(r() * 80)),
      person: name,
      person2: name,
      person3: name,
      age: () => String(25 + Math.floor(r() * 30)),
      education: () => pick(educations),
      post: () => pick(posts),
      post2: () => pick(posts),
      fund: () => pick(funds),
      percent: () => String(10 + Math.floor(r() * 90)),
      count: () => String(100 + Math.floor(r() * 5000)),
      count2: () => String(1 + Math.floor(r() * 300)),
      count3: () => String(2 + Math.floor(r() * 20)),
      small: () => String(Math.floor(r() * 5)),
      small2: () => String(Math.floor(r() * 3)),
    };
    const fill = (t: Compiled) => {
      let text = '';
      for (const part of t) text += typeof part === 'string' ? part : (slots[part.slot]?.() ?? '');
      return text;
    };
    const own = byCatalogueCompiled[catalogue] ?? [];
    let body = pick(openers) + `进一步做好${topic}工作，` + pick(middles);
    const n = 3 + Math.floor(r() * 4);
    for (let k = 0; k < n; k++) body += fill(own.length > 0 && r() < 0.5 ? pick(own) : pick(commonCompiled));
    body += `${agency.name}\n${year}年${month}月${day}日`;
    const attachments =
      r() < 0.05
        ? [{ name: `${topic}工作任务分解表.docx`, text: fill(pick(commonCompiled)) + fill(pick(commonCompiled)) }]
        : [];
    out.push({
      id: `item-${i}`,
      agencyId: agency.id,
      agencyPath: agency.path,
      catalogue,
      year,
      docNumber,
      indexNumber: `${agency.id.toUpperCase()}/${year}-${String(i % 100000).padStart(5, '0')}`,
      title,
      body,
      attachments,
      publishedDate: date,
      url: `/items/item-${i}`,
    });
  }
  return out;
}
