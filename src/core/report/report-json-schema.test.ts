import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { reportJsonSchema } from './report-json-schema.ts';
import { validateReport } from './validate-report.ts';
import { randomReport } from './random-report.ts';

it('docs/report.schema.json is the schema the validator enforces (regenerate with `npm run schema`)', () => {
  const published = JSON.parse(readFileSync(new URL('../../../docs/report.schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(published, reportJsonSchema());
});

it('the validator accepts valid reports and names the path of what is wrong, in Chinese', () => {
  assert.ok(validateReport(randomReport(1)).ok);
  const bad = structuredClone(randomReport(2, { format: '2021' })) as unknown as {
    t3: { new: { natural: unknown } };
    extra?: number;
  };
  bad.t3.new.natural = '8';
  bad.extra = 1;
  const result = validateReport(bad);
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.ok(
      result.errors.some((e) => e.startsWith('t3.new.natural：应为数字或 null')),
      result.errors.join('\n'),
    );
    assert.ok(
      result.errors.some((e) => e.includes('extra')),
      result.errors.join('\n'),
    );
  }
  assert.equal(validateReport({ schema: 'gongkai.report/1', format: '2022' }).ok, false);
});
