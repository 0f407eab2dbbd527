import type { AgencyKind } from '../../core/platform/agency-kind.ts';
import { creditCodeCheckChar } from '../../core/platform/credit-code.ts';
import type { Role } from '../../core/platform/roles.ts';

/**
 * The demo district: 无锡市 → 滨湖区 with its 区政府办, four 街道 and three departments. Names are real
 * administrative units; codes, addresses and numbers are made up but well-formed (codes carry valid check
 * characters) and every row is marked is_demo = 1.
 */
export interface DemoAgency {
  key: string;
  parentKey: string | null;
  name: string;
  kind: AgencyKind;
  orgBody: string;
  address: string;
  postcode: string;
  phone: string;
  fax: string;
}

export interface DemoUser {
  login: string;
  displayName: string;
  agencyKey: string;
  roles: Role[];
}

/** The shared demo password (meets the complexity rule). Printed at start; never use demo data in production. */
export const demoPassword = 'Gongkai@2026';

const hours = '工作日 上午8:30—12:00，下午13:30—17:30（法定节假日除外）';

export const demoAgencies: DemoAgency[] = [
  {
    key: 'city',
    parentKey: null,
    name: '无锡市人民政府',
    kind: 'city',
    orgBody: '01401371',
    address: '江苏省无锡市观山路199号',
    postcode: '214131',
    phone: '0510-81821234',
    fax: '0510-81821235',
  },
  {
    key: 'district',
    parentKey: 'city',
    name: '无锡市滨湖区人民政府',
    kind: 'district',
    orgBody: '01436802',
    address: '江苏省无锡市滨湖区梁溪路36号',
    postcode: '214071',
    phone: '0510-85101234',
    fax: '0510-85101235',
  },
  {
    key: 'bgs',
    parentKey: 'district',
    name: '无锡市滨湖区人民政府办公室',
    kind: 'district_office',
    orgBody: '01436811',
    address: '江苏省无锡市滨湖区梁溪路36号1号楼',
    postcode: '214071',
    phone: '0510-85101188',
    fax: '0510-85101189',
  },
  {
    key: 'rongxiang',
    parentKey: 'district',
    name: '无锡市滨湖区荣巷街道办事处',
    kind: 'subdistrict',
    orgBody: '01437013',
    address: '江苏省无锡市滨湖区荣巷街道梁溪路158号',
    postcode: '214074',
    phone: '0510-85862301',
    fax: '0510-85862302',
  },
  {
    key: 'liyuan',
    parentKey: 'district',
    name: '无锡市滨湖区蠡园街道办事处',
    kind: 'subdistrict',
    orgBody: '01437021',
    address: '江苏省无锡市滨湖区蠡园街道青祁路68号',
    postcode: '214072',
    phone: '0510-85516601',
    fax: '0510-85516602',
  },
  {
    key: 'helie',
    parentKey: 'district',
    name: '无锡市滨湖区河埒街道办事处',
    kind: 'subdistrict',
    orgBody: '01437030',
    address: '江苏省无锡市滨湖区河埒街道青山路12号',
    postcode: '214071',
    phone: '0510-85802201',
    fax: '0510-85802202',
  },
  {
    key: 'mashan',
    parentKey: 'district',
    name: '无锡市滨湖区马山街道办事处',
    kind: 'subdistrict',
    orgBody: '01437048',
    address: '江苏省无锡市滨湖区马山街道梅梁路9号',
    postcode: '214092',
    phone: '0510-85991101',
    fax: '0510-85991102',
  },
  {
    key: 'jiaoyu',
    parentKey: 'district',
    name: '无锡市滨湖区教育局',
    kind: 'department',
    orgBody: '01436905',
    address: '江苏省无锡市滨湖区太湖新城金融三街8号',
    postcode: '214125',
    phone: '0510-85120601',
    fax: '0510-85120602',
  },
  {
    key: 'shijian',
    parentKey: 'district',
    name: '无锡市滨湖区市场监督管理局',
    kind: 'department',
    orgBody: '01436913',
    address: '江苏省无锡市滨湖区鸿桥路801号',
    postcode: '214072',
    phone: '0510-85128801',
    fax: '0510-85128802',
  },
  {
    key: 'minzheng',
    parentKey: 'district',
    name: '无锡市滨湖区民政局',
    kind: 'department',
    orgBody: '01436921',
    address: '江苏省无锡市滨湖区梁溪路36号3号楼',
    postcode: '214071',
    phone: '0510-85101601',
    fax: '0510-85101602',
  },
];

export const demoUsers: DemoUser[] = [
  { login: 'admin', displayName: '王建国', agencyKey: 'district', roles: ['sysadmin'] },
  { login: 'security', displayName: '李安平', agencyKey: 'district', roles: ['secadmin'] },
  { login: 'auditor', displayName: '赵审言', agencyKey: 'district', roles: ['auditadmin'] },
  { login: 'jiandu', displayName: '陈明远', agencyKey: 'district', roles: ['supervisor'] },
  { login: 'bgs.chengban', displayName: '张丽', agencyKey: 'bgs', roles: ['handler'] },
  { login: 'bgs.shenhe', displayName: '刘洋', agencyKey: 'bgs', roles: ['reviewer'] },
  { login: 'bgs.fuze', displayName: '孙志强', agencyKey: 'bgs', roles: ['head'] },
  { login: 'rongxiang.chengban', displayName: '周晓燕', agencyKey: 'rongxiang', roles: ['handler'] },
  { login: 'rongxiang.shenhe', displayName: '吴海峰', agencyKey: 'rongxiang', roles: ['reviewer'] },
  { login: 'rongxiang.fuze', displayName: '郑红梅', agencyKey: 'rongxiang', roles: ['head'] },
  { login: 'liyuan.chengban', displayName: '钱思远', agencyKey: 'liyuan', roles: ['handler'] },
  { login: 'helie.chengban', displayName: '冯雪', agencyKey: 'helie', roles: ['handler'] },
  { login: 'mashan.chengban', displayName: '朱文斌', agencyKey: 'mashan', roles: ['handler'] },
  { login: 'jiaoyu.chengban', displayName: '何静', agencyKey: 'jiaoyu', roles: ['handler', 'reviewer'] },
  { login: 'jiaoyu.fuze', displayName: '高建华', agencyKey: 'jiaoyu', roles: ['head'] },
  { login: 'shijian.chengban', displayName: '林涛', agencyKey: 'shijian', roles: ['handler'] },
];

export const demoSubmissions = [
  {
    agencyKey: 'rongxiang',
    kind: 'message',
    content: '请问荣巷街道老旧小区改造的实施方案在哪里可以查到？',
    contactName: '黄先生',
  },
  {
    agencyKey: 'jiaoyu',
    kind: 'correction',
    content: '贵局2025年招生政策解读页面中咨询电话有误，打不通。',
    contactName: '',
  },
  { agencyKey: 'bgs', kind: 'message', content: '希望公开本区2026年民生实事项目的进展情况。', contactName: '许女士' },
] as const;

/** 统一社会信用代码 of a government organ (登记管理部门 1 机构编制, 类别 1 机关) in the given division. */
export function demoCreditCode(division: string, orgBody: string): string {
  const orgCheck = orgCodeCheck(orgBody);
  const first17 = `11${division}${orgBody}${orgCheck}`;
  return first17 + (creditCodeCheckChar(first17) ?? '0');
}

function orgCodeCheck(body: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * (w[i] ?? 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export const demoOfficeHours = hours;
