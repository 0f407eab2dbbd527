import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { normativeCounts, type NormativeItem } from './normative-counts.ts';
import { addDays } from './plain-date.ts';
import { endOfForce, statusOn, validityProblems, type Validity } from './validity.ts';

test('status on a date: 有效 until the end of force, then what ended it; an 有效期 expires by itself', () => {
  const repealed: Validity = { status: 'repealed', endedOn: '2025-07-01' };
  assert.equal(statusOn(repealed, '2025-06-30'), 'in_force');
  assert.equal(statusOn(repealed, '2025-07-01'), 'repealed');
  const fiveYears: Validity = { status: 'in_force', validUntil: '2025-12-31' };
  assert.equal(endOfForce(fiveYears), '2026-01-01');
  assert.equal(statusOn(fiveYears, '2025-12-31'), 'in_force');
  assert.equal(statusOn(fiveYears, '2026-01-01'), 'expired');
  assert.equal(statusOn({ status: 'revised', endedOn: '2024-03-01' }, '2025-01-01'), 'revised');
  assert.equal(statusOn({ status: 'in_force' }, '2099-01-01'), 'in_force');
});

test('有效性 problems name the field in Chinese', () => {
  assert.deepEqual(validityProblems({ status: 'in_force' }, '2025-01-10'), []);
  assert.deepEqual(validityProblems({ status: 'repealed', endedOn: '2025-06-01' }, '2025-01-10'), []);
  assert.deepEqual(validityProblems({ status: 'expired', validUntil: '2025-06-01' }, '2025-01-10'), []);
  assert.deepEqual(validityProblems({ status: 'repealed' }, '2025-01-10'), ['有效性为“废止”时须填写废止日期']);
  assert.deepEqual(validityProblems({ status: 'in_force', endedOn: '2025-06-01' }, '2025-01-10'), [
    '有效的文件不应填写失效、废止或修订日期',
  ]);
  assert.deepEqual(validityProblems({ status: 'revised', endedOn: '2025-01-10' }, '2025-01-10'), [
    '修订日期须晚于成文日期',
  ]);
  assert.deepEqual(validityProblems({ status: 'in_force', validUntil: '2024-12-31' }, '2025-01-10'), [
    '有效期至不能早于成文日期',
  ]);
  assert.deepEqual(validityProblems({ status: 'expired', endedOn: '2025-02-30' }, '2025-01-10'), [
    '失效日期不是有效日期',
  ]);
  assert.deepEqual(validityProblems({ status: 'in_force' }, '2025-13-01'), ['成文日期不是有效日期']);
});

test('table 2 counts for a worked example', () => {
  const items: NormativeItem[] = [
    { kind: 'normative', issuedOn: '2023-05-01', validity: { status: 'in_force' } },
    { kind: 'normative', issuedOn: '2024-02-01', validity: { status: 'repealed', endedOn: '2025-03-01' } },
    { kind: 'normative', issuedOn: '2025-01-15', validity: { status: 'in_force', validUntil: '2025-12-31' } },
    { kind: 'normative', issuedOn: '2025-04-01', validity: { status: 'revised', endedOn: '2025-10-01' } },
    { kind: 'normative', issuedOn: '2025-10-01', validity: { status: 'in_force' } },
    { kind: 'normative', issuedOn: '2026-01-05', validity: { status: 'in_force' } },
    { kind: 'regulation', issuedOn: '2020-01-01', validity: { status: 'in_force', validUntil: '2024-12-31' } },
  ];
  assert.deepEqual(normativeCounts(items, 2025), {
    normative: { issued: 3, repealed: 2, inForce: 3 },
    regulation: { issued: 0, repealed: 1, inForce: 0 },
  });
  assert.deepEqual(normativeCounts(items, 2024), {
    normative: { issued: 1, repealed: 0, inForce: 2 },
    regulation: { issued: 0, repealed: 0, inForce: 1 },
  });
  assert.deepEqual(normativeCounts(items, 2026).normative, { issued: 1, repealed: 1, inForce: 3 });
});

const day = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays('2015-01-01', n));
const item: fc.Arbitrary<NormativeItem> = fc
  .record({
    kind: fc.constantFrom('regulation' as const, 'normative' as const),
    issuedOn: day,
    ends: fc.oneof(
      fc.constant(null),
      fc.record({
        how: fc.constantFrom('endedOn', 'validUntil'),
        status: fc.constantFrom('expired' as const, 'repealed' as const, 'revised' as const),
        after: fc.integer({ min: 1, max: 365 * 6 }),
      }),
    ),
  })
  .map(({ kind, issuedOn, ends }) => {
    if (!ends) return { kind, issuedOn, validity: { status: 'in_force' as const } };
    const at = addDays(issuedOn, ends.after);
    const validity: Validity =
      ends.how === 'endedOn'
        ? { status: ends.status, endedOn: at }
        : { status: 'in_force', validUntil: addDays(at, -1) };
    return { kind, issuedOn, validity };
  });

test('X2 holds for any set of valid items: inForce(N) = inForce(N−1) + issued(N) − repealed(N)', () => {
  fc.assert(
    fc.property(fc.array(item, { maxLength: 60 }), fc.integer({ min: 2014, max: 2028 }), (items, year) => {
      for (const i of items) assert.deepEqual(validityProblems(i.validity, i.issuedOn), []);
      const before = normativeCounts(items, year - 1);
      const now = normativeCounts(items, year);
      for (const kind of ['regulation', 'normative'] as const) {
        assert.equal(now[kind].inForce, before[kind].inForce + now[kind].issued - now[kind].repealed);
        assert.ok(now[kind].repealed >= 0 && now[kind].issued >= 0 && now[kind].inForce >= 0);
      }
    }),
    { numRuns: 500 },
  );
});
