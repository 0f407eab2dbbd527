import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  describeDisclosureAttribute,
  disclosureAttributeProblems,
  entersPublicationQueue,
  withholdingGrounds,
} from './disclosure-attribute.ts';

test('每个不予公开依据 cites 第十四、十五或十六条 and maps to its own table-3 row', () => {
  const rows = Object.values(withholdingGrounds).map((g) => g.t3Row);
  assert.equal(new Set(rows).size, rows.length);
  for (const g of Object.values(withholdingGrounds)) assert.match(g.article, /^条例第十[四五六]条/);
  assert.equal(withholdingGrounds.state_secret.conditional, false);
  assert.equal(withholdingGrounds.third_party.conditional, true);
});

test('valid attributes, and who enters the publication queue', () => {
  assert.deepEqual(disclosureAttributeProblems({ kind: 'proactive' }), {});
  assert.deepEqual(disclosureAttributeProblems({ kind: 'on_request', note: '仅涉及特定对象' }), {});
  const withheld = {
    kind: 'withheld',
    ground: 'process_information',
    reason: '属于内部讨论记录，尚未形成正式决定',
  } as const;
  assert.deepEqual(disclosureAttributeProblems(withheld), {});
  assert.equal(entersPublicationQueue({ kind: 'proactive' }), true);
  assert.equal(entersPublicationQueue(withheld), false);
  assert.equal(
    describeDisclosureAttribute(withheld),
    '不予公开（条例第十六条第二款：过程性信息（讨论记录、过程稿、磋商信函、请示报告等））',
  );
  assert.equal(describeDisclosureAttribute({ kind: 'on_request' }), '依申请公开');
});

test('不予公开 needs a ground from the list and a real reason; messages name the field', () => {
  assert.deepEqual(disclosureAttributeProblems({ kind: 'withheld', reason: '涉及国家秘密，依法不予公开' }), {
    ground: '请选择不予公开的依据（条例第十四、十五、十六条）',
  });
  assert.deepEqual(disclosureAttributeProblems({ kind: 'withheld', ground: 'state_secret', reason: '保密' }), {
    reason: '不予公开的理由过于简单，请具体说明（至少 10 个字）',
  });
  assert.deepEqual(disclosureAttributeProblems({ kind: 'withheld', ground: 'state_secret' }), {
    reason: '请填写不予公开的理由',
  });
  assert.deepEqual(disclosureAttributeProblems({ kind: 'withheld', ground: 'because', reason: 'x'.repeat(20) }), {
    ground: '请选择不予公开的依据（条例第十四、十五、十六条）',
  });
  assert.deepEqual(
    disclosureAttributeProblems({ kind: 'withheld', ground: 'state_secret', reason: '字'.repeat(501) }),
    {
      reason: '理由不能超过 500 字',
    },
  );
  assert.deepEqual(disclosureAttributeProblems({ kind: 'secret' }), {
    kind: '公开属性只能是主动公开、依申请公开或不予公开',
  });
  assert.deepEqual(disclosureAttributeProblems(null), { kind: '请选择公开属性：主动公开、依申请公开或不予公开' });
});
