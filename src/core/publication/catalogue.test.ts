import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agencyKinds } from '../platform/agency-kind.ts';
import {
  fileableColumns,
  findColumn,
  normativeKindOf,
  walkCatalogue,
  type Catalogue,
  type CatalogueNode,
} from './catalogue.ts';
import { defaultCatalogue } from './default-catalogue.ts';
import { validateCatalogue } from './validate-catalogue.ts';

const clone = (c: Catalogue): Catalogue => structuredClone(c);
const statutory = (c: Catalogue): CatalogueNode => c.columns.find((n) => n.fixed === 'statutory') as CatalogueNode;
const messages = (c: unknown) => validateCatalogue(c).map((p) => p.message);

test('the default catalogue of every agency kind is valid and has the usual columns', () => {
  for (const kind of agencyKinds) {
    const c = defaultCatalogue(kind);
    assert.deepEqual(validateCatalogue(c), [], kind);
    const names = statutory(c).children?.map((n) => n.name) ?? [];
    for (const name of [
      '机构职能',
      '政策文件',
      '政策解读',
      '规划计划',
      '财政信息',
      '人事信息',
      '工作动态',
      '公示公告',
      '重点领域',
    ]) {
      assert.ok(names.includes(name), `${kind} lacks ${name}`);
    }
    assert.deepEqual(
      c.columns.map((n) => n.name),
      ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报'],
    );
    assert.equal(normativeKindOf(c, 'normative-documents'), 'normative');
    assert.equal(
      findColumn(c, 'budgets')?.path.join('/'),
      `法定主动公开内容/财政信息/${kind === 'department' ? '部门' : ''}预算`,
    );
  }
});

test('规章 only in a city government catalogue; 行政执法 only for departments and governments; 乡镇 has 涉农补贴', () => {
  assert.equal(normativeKindOf(defaultCatalogue('city'), 'regulations'), 'regulation');
  for (const kind of ['district', 'subdistrict', 'town', 'department'] as const) {
    assert.equal(findColumn(defaultCatalogue(kind), 'regulations'), undefined, kind);
  }
  assert.ok(findColumn(defaultCatalogue('department'), 'penalties'));
  assert.equal(findColumn(defaultCatalogue('subdistrict'), 'penalties'), undefined);
  assert.ok(findColumn(defaultCatalogue('town'), 'farm-subsidies'));
  assert.equal(findColumn(defaultCatalogue('subdistrict'), 'farm-subsidies'), undefined);
});

test('items are filed in leaves other than the guide', () => {
  const c = defaultCatalogue('subdistrict');
  const codes = fileableColumns(c).map((e) => e.node.code);
  assert.ok(codes.includes('normative-documents'));
  assert.ok(codes.includes('rules'));
  assert.ok(codes.includes('annual-reports'));
  assert.ok(!codes.includes('guide'));
  assert.ok(!codes.includes('policies'));
  assert.ok(!codes.includes('statutory'));
});

test('duplicate codes anywhere in the tree are refused, naming both columns', () => {
  const c = clone(defaultCatalogue('subdistrict'));
  statutory(c).children?.push({ code: 'budgets', name: '预算公开' });
  assert.deepEqual(messages(c), [
    '栏目“法定主动公开内容 › 预算公开”：代码“budgets”与栏目“法定主动公开内容 › 财政信息 › 预算”重复，代码在整个目录中必须唯一',
  ]);
});

test('depth, names, codes and marks are checked', () => {
  const c = clone(defaultCatalogue('town'));
  const news = statutory(c).children?.find((n) => n.code === 'news') as CatalogueNode;
  news.children = [
    { code: 'a', name: '甲', children: [{ code: 'b', name: '乙', children: [{ code: 'c', name: '丙' }] }] },
  ];
  assert.deepEqual(messages(c), ['栏目“法定主动公开内容 › 工作动态 › 甲 › 乙 › 丙”：层级过深，目录最多 4 级']);

  const d = clone(defaultCatalogue('town'));
  statutory(d).children?.push(
    { code: 'Bad_Code', name: '坏代码' },
    { code: 'x1', name: ' 空格' },
    { code: 'x2', name: '一二三四五六七八九十一二三四五六七八九十一' },
    { code: 'x3', name: '工作动态' },
    { code: 'x4', name: '分组', normativeKind: 'normative', children: [{ code: 'x5', name: '子' }] },
    { code: 'x6', name: '' },
  );
  const m = messages(d);
  assert.ok(m.some((x) => x.includes('代码“Bad_Code”无效')));
  assert.ok(m.some((x) => x.includes('“法定主动公开内容 ›  空格”：名称首尾不能有空格')));
  assert.ok(m.some((x) => x.includes('名称不能超过 20 个字')));
  assert.ok(m.some((x) => x === '栏目“法定主动公开内容 › 工作动态”：同一级下有重名栏目'));
  assert.ok(m.some((x) => x.includes('只有末级栏目可以标记为规章或行政规范性文件')));
  assert.ok(m.some((x) => x.includes('名称不能为空')));
  assert.equal(m.length, 6);
});

test('the four fixed columns must be present once, at the top, unchanged', () => {
  const c = clone(defaultCatalogue('department'));
  c.columns = c.columns.filter((n) => n.fixed !== 'guide');
  assert.deepEqual(messages(c), ['缺少固定栏目“政府信息公开指南”（条例第十二条）']);

  const renamed = clone(defaultCatalogue('department'));
  (renamed.columns[3] as CatalogueNode).name = '年度报告';
  assert.deepEqual(messages(renamed), ['栏目“年度报告”：固定栏目不可改名，应为“政府信息公开年报”']);

  const nested = clone(defaultCatalogue('department'));
  (nested.columns[0] as CatalogueNode).children = [{ code: 'guide-old', name: '旧指南' }];
  statutory(nested).children?.push({ code: 'rules', name: '政府信息公开制度', fixed: 'rules' });
  const m = messages(nested);
  assert.ok(m.includes('栏目“政府信息公开指南”：固定栏目不能包含子栏目'));
  assert.ok(m.some((x) => x.includes('只能位于第一级')));
  assert.ok(m.some((x) => x.includes('代码“rules”与栏目“政府信息公开制度”重复')));

  const empty = clone(defaultCatalogue('department'));
  statutory(empty).children = [];
  assert.deepEqual(messages(empty), ['栏目“法定主动公开内容”：须至少包含一个子栏目']);
});

test('malformed and oversize input is refused with one message, not an exception', () => {
  assert.equal(messages(null).length, 1);
  assert.equal(messages({ columns: [{ name: 1 }] })[0]?.startsWith('目录格式不正确'), true);
  const many: Catalogue = clone(defaultCatalogue('department'));
  statutory(many).children?.push(...Array.from({ length: 300 }, (_, i) => ({ code: `n${i}`, name: `栏目${i}` })));
  assert.match(messages(many)[0] ?? '', /超过 300 个的上限/);
  assert.equal(walkCatalogue(defaultCatalogue('department')).length < 60, true);
  // A hostile, very deep tree is answered without recursing into it.
  let deep: CatalogueNode = { code: 'leaf', name: '叶' };
  for (let i = 0; i < 100_000; i++) deep = { code: `n${i}`, name: '层', children: [deep] };
  assert.deepEqual(messages({ columns: [deep] }), ['目录层级过深，最多 4 级']);
});
