import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { informationFee, priorItemsThisMonth, type FeeInput } from './information-fee.ts';

const amount = (input: FeeInput) => {
  const r = informationFee(input);
  assert.ok(r.ok, r.ok ? '' : r.message);
  return r.amountYuan;
};

describe('信息处理费 (国办函〔2020〕109号)', () => {
  it('按量: the spec example, 250 pages → 70×10 + 100×20 + 50×40 = 4 700元', () => {
    const r = informationFee({ method: 'byPages', pages: 250 });
    assert.ok(r.ok);
    assert.equal(r.amountYuan, 4700);
    assert.deepEqual(
      r.bands.map((b) => [b.from, b.to, b.rateYuan, b.subtotalYuan]),
      [
        [1, 30, 0, 0],
        [31, 100, 10, 700],
        [101, 200, 20, 2000],
        [201, 250, 40, 2000],
      ],
    );
    assert.equal(
      r.description,
      '按量计收，共250页：1—30页免费，31—100页70×10元，101—200页100×20元，201—250页50×40元，合计4700元',
    );
  });

  it('按量 band edges', () => {
    // 30 free; 31 → 10; 100 → 70×10; 101 → 700+20; 200 → 700+2000; 201 → 2700+40.
    assert.deepEqual(
      [0, 1, 30, 31, 100, 101, 200, 201].map((pages) => amount({ method: 'byPages', pages })),
      [0, 0, 0, 10, 700, 720, 2700, 2740],
    );
  });

  it('按件 band edges within one month', () => {
    // Item n of the month costs: 1–10: 0; 11–30: 100; 31–40: 200; 41–50: 300; 51–60: 400.
    const one = (n: number) => amount({ method: 'byItems', priorItems: n - 1, items: 1 });
    assert.deepEqual(
      [1, 10, 11, 30, 31, 40, 41, 50, 51, 60, 61].map(one),
      [0, 0, 100, 100, 200, 200, 300, 300, 400, 400, 500],
    );
    // 35 items in one go from a fresh month: 10×0 + 20×100 + 5×200 = 3 000.
    assert.equal(amount({ method: 'byItems', priorItems: 0, items: 35 }), 3000);
    // Splitting an application does not change the total ("一事一申请" counts units, not submissions).
    assert.equal(
      amount({ method: 'byItems', priorItems: 0, items: 20 }) +
        amount({ method: 'byItems', priorItems: 20, items: 15 }),
      3000,
    );
  });

  it('按件 sum equals a brute-force per-item price for any split', () => {
    const price = (n: number) => (n <= 10 ? 0 : n <= 30 ? 100 : 100 * (Math.ceil((n - 30) / 10) + 1));
    fc.assert(
      fc.property(fc.nat(200), fc.integer({ min: 1, max: 100 }), (prior, items) => {
        let expected = 0;
        for (let n = prior + 1; n <= prior + items; n++) expected += price(n);
        return amount({ method: 'byItems', priorItems: prior, items }) === expected;
      }),
    );
  });

  it('never both methods; bad numbers are named', () => {
    const both = informationFee({ method: 'byPages', pages: 40, items: 3 } as unknown as FeeInput);
    assert.deepEqual(both, {
      ok: false,
      field: 'method',
      message: '计费方式：按件计收与按量计收只能选择一种（国办函〔2020〕109号）',
    });
    assert.equal(informationFee({ method: 'byPages', pages: -1 }).ok, false);
    assert.equal(informationFee({ method: 'byPages', pages: 2.5 }).ok, false);
    const r = informationFee({ method: 'byItems', priorItems: 0, items: 0 });
    assert.ok(!r.ok);
    assert.equal(r.field, 'items');
    assert.equal(informationFee({ method: 'other' } as unknown as FeeInput).ok, false);
  });

  it('prior items: the same applicant, the same calendar month, up to the day', () => {
    const earlier = [
      { applicantKey: 'A', receivedOn: '2025-03-01', items: 4 },
      { applicantKey: 'A', receivedOn: '2025-03-31', items: 5 },
      { applicantKey: 'A', receivedOn: '2025-02-28', items: 7 },
      { applicantKey: 'B', receivedOn: '2025-03-10', items: 9 },
    ];
    assert.equal(priorItemsThisMonth(earlier, 'A', '2025-03-15'), 4);
    assert.equal(priorItemsThisMonth(earlier, 'A', '2025-03-31'), 9);
    assert.equal(priorItemsThisMonth(earlier, 'A', '2025-04-01'), 0);
  });
});
