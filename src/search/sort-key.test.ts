import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayNumber, slotsPerDay, sortKeyCandidate } from './sort-key.ts';

test('sort keys order by publication day, are stable per id and move on when taken', () => {
  const a = sortKeyCandidate('2025-01-02', 'item-1', 0);
  assert.equal(a, sortKeyCandidate('2025-01-02', 'item-1', 0));
  assert.ok(sortKeyCandidate('2025-01-03', 'zzz', 0) > sortKeyCandidate('2025-01-02', 'item-1', 5));
  assert.notEqual(sortKeyCandidate('2025-01-02', 'item-1', 1), a);
  assert.equal(Math.floor(a / slotsPerDay), dayNumber('2025-01-02'));
  assert.ok(Number.isSafeInteger(sortKeyCandidate('9999-12-31', 'x', 63)));
  assert.throws(() => dayNumber('2025/01/02'));
  assert.throws(() => dayNumber('1969-12-31'));
});
