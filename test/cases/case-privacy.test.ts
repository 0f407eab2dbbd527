/**
 * The applicant's side never shows another case (every code × every secret), the calendar recompute records a
 * moved due date on each open case, and a data-key rotation re-seals every applicant under the new key (blind
 * indexes recomputed, old values still readable with the keyring).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildCalendar } from '../../src/core/calendar/working-calendar.ts';
import { shippedHolidayData } from '../../src/core/calendar/default-calendar.ts';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { parseDataKeys, newDataKeyLine, openField } from '../../src/security/field-cipher.ts';
import { recomputeOpenCaseDueDates } from '../../src/use-cases/cases/recompute-open-case-due-dates.ts';
import { resealApplicants } from '../../src/use-cases/cases/reseal-applicants.ts';
import { openApplicant } from '../../src/use-cases/cases/applicant-data.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';
import { createCaseIn, publicContext } from './case-fixtures.ts';

for (const dialect of testDialects()) {
  describe(`applicant privacy, recompute, key rotation (${dialect})`, () => {
    let t: TestApp;
    let cases: { id: string; code: string; secret: string; description: string }[];
    before(async () => {
      t = await createTestApp(dialect);
      const agencies = (await listAgencies(t.database.open.db)).filter((a) => a.parent_id !== null).slice(0, 3);
      cases = [];
      for (const [i, a] of agencies.entries()) {
        const description = `矩阵测试申请内容第${i}号`;
        cases.push({ ...(await createCaseIn(t, a.id, { description, name: `申请人${i}` })), description });
      }
    });
    after(() => t.close());

    test('tracking: every code with every secret — only its own pair opens, and only its own case', async () => {
      const c = new TestClient(t.app, { ip: '192.0.2.44' });
      await c.page('/apply/track');
      for (const [i, a] of cases.entries()) {
        for (const [j, b] of cases.entries()) {
          const res = await c.postForm('/apply/track', { code: a.code, secret: b.secret });
          const html = await res.text();
          if (i === j) {
            assert.equal(res.status, 200);
            assert.match(html, new RegExp(a.code));
          } else assert.equal(res.status, 404, `code ${i} with secret ${j}`);
          for (const [k, other] of cases.entries()) if (k !== i) assert.doesNotMatch(html, new RegExp(other.code));
          for (const [k] of cases.entries()) assert.doesNotMatch(html, new RegExp(`申请人${k}`), 'no applicant name');
        }
      }
    });

    test('tracking attempts are rate-limited per address', async () => {
      const c = new TestClient(t.app, { ip: '192.0.2.99' });
      await c.page('/apply/track');
      const statuses: number[] = [];
      for (let i = 0; i < 14; i++)
        statuses.push((await c.postForm('/apply/track', { code: 'YS1', secret: `X${i}` })).status);
      assert.ok(statuses.includes(429), statuses.join(','));
    });

    test('a calendar change moves open due dates and says so on each case', async () => {
      const ctx = { ...publicContext(t), actor: null };
      const same = await recomputeOpenCaseDueDates(ctx, buildCalendar({ base: shippedHolidayData() }));
      assert.equal(same.changed, 0);
      // A local closure (台风停止办公) on 2026-11-26 and 27: every case received 2026-11-20 is due two days later.
      const closed = buildCalendar({
        base: shippedHolidayData(),
        closures: [{ from: '2026-11-26', to: '2026-11-27', reason: '台风停止办公' }],
      });
      const r = await recomputeOpenCaseDueDates(ctx, closed);
      assert.equal(r.changed, cases.length);
      const row = await t.database.open.db
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', cases[0]!.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.due_on, '2026-12-22');
      const events = await t.database.open.db
        .selectFrom('case_events')
        .selectAll()
        .where('case_id', '=', row.id)
        .execute();
      assert.ok(events.some((e) => e.kind === 'calendar' && e.body.includes('由2026-12-18改为2026-12-22')));
    });

    test('rotation: every applicant re-sealed under the new key; the blind index follows', async () => {
      const old = t.deps.dataKeys!;
      const next = parseDataKeys(newDataKeyLine('k2'), 'test');
      assert.ok(next.ok);
      const ring = { keys: [...old.keys, ...next.keyring.keys] };
      const before = await t.database.open.db.selectFrom('cases').selectAll().orderBy('id').execute();
      const r = await resealApplicants({ ...publicContext(t), dataKeys: ring });
      assert.equal(r.resealed, before.length);
      const after = await t.database.open.db.selectFrom('cases').selectAll().orderBy('id').execute();
      for (const [i, row] of after.entries()) {
        assert.equal(row.data_key_id, 'k2');
        assert.notEqual(row.applicant_sealed, before[i]!.applicant_sealed);
        assert.notEqual(row.id_index, before[i]!.id_index);
        assert.deepEqual(openApplicant(ring, row.applicant_sealed), openApplicant(old, before[i]!.applicant_sealed));
        assert.throws(() => openApplicant(old, row.applicant_sealed), /缺少个人信息加密密钥“k2”/);
      }
      // A changed byte is detected.
      const s = after[0]!.applicant_sealed;
      const tampered = s.slice(0, -3) + (s.at(-3) === 'A' ? 'B' : 'A') + s.slice(-2);
      assert.throws(() => openField(ring, tampered, 'case.applicant'), /校验失败/);
      assert.equal((await resealApplicants({ ...publicContext(t), dataKeys: ring })).resealed, 0, 'idempotent');
    });
  });
}
