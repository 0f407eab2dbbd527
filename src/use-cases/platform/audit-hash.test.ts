import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from '../../core/platform/canonical-json.ts';
import { entryBody } from './audit-hash.ts';

const samples = ['', 'a"b\\c', '换行\n制表\t回车\r', '\u0000\u001f\u2028\u2029', '😀𠀀', '{"x":[1,2]}', ' '.repeat(3)];

function pickSample(i: number): string {
  return samples[i % samples.length]!;
}

test('entryBody gives exactly the bytes of canonicalJson over the same fields (legacy hashes depend on it)', () => {
  for (let i = 0; i < 500; i++) {
    const entry = {
      seq: i * 7919 + 1,
      at: new Date(1_700_000_000_000 + i).toISOString(),
      actor_id: i % 3 === 0 ? null : `u-${pickSample(i)}`,
      actor_label: pickSample(i + 1),
      action: `act.${pickSample(i + 2)}`,
      entity: pickSample(i + 3),
      entity_id: i % 4 === 0 ? null : pickSample(i + 4),
      before_json: i % 5 === 0 ? null : pickSample(i + 5),
      after_json: i % 2 === 0 ? null : JSON.stringify({ k: pickSample(i + 6), n: i }),
      ip: i % 6 === 0 ? null : '10.0.0.1',
      prev_hash: 'f'.repeat(64),
    };
    // A stored row also carries hash and key_id: they must not leak into the body.
    const row = { ...entry, hash: 'h', key_id: 'stored' };
    assert.equal(entryBody(row), canonicalJson(entry));
    assert.equal(entryBody(row, 'k1'), canonicalJson({ ...entry, key_id: 'k1' }));
  }
});
