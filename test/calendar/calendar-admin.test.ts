/**
 * Calendar administration (issue 7 item 1; docs/calendar.md): an administrator enters a year's State Council notice
 * and local closures; stored, audited, taking precedence over the shipped data, seen by every app server, and
 * announced to the registered change hooks. Attack tests: wrong role, CSRF, malformed, oversize, double submit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addWorkingDays } from '../../src/core/calendar/add-working-days.ts';
import { unwrap } from '../../src/core/calendar/calendar-result.ts';
import { openDatabase } from '../../src/db/open-database.ts';
import { calendarChangeHooks } from '../../src/use-cases/calendar/calendar-change-hooks.ts';
import { loadWorkingCalendar, type SiteCalendar } from '../../src/use-cases/calendar/load-working-calendar.ts';
import { newId } from '../../src/use-cases/platform/session-token.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';

/** A made-up 2027 notice (no real one exists yet): 元旦 1-01…1-03, 春节 2-06…2-13 with Sun 2-14 上班. */
const notice2027 = {
  year: '2027',
  source: '测试用2027年节假日安排',
  daysOff: '2027-01-01至2027-01-03 元旦\n2027-02-06至2027-02-13 春节',
  makeUpDays: '2027-02-14 春节',
};

for (const dialect of testDialects()) {
  describe(`calendar administration (${dialect})`, () => {
    let t: TestApp;
    let admin: TestClient;
    const seen: SiteCalendar[] = [];
    const hook = async (_ctx: unknown, calendar: SiteCalendar) => void seen.push(calendar);

    before(async () => {
      t = await createTestApp(dialect);
      calendarChangeHooks.push(hook);
      admin = new TestClient(t.app);
      await admin.login('admin');
    });
    after(async () => {
      calendarChangeHooks.splice(calendarChangeHooks.indexOf(hook), 1);
      await t.close();
    });

    /** The preview, then the save with the preview's hidden fields, as a browser does. */
    async function enter(client: TestClient, form: Record<string, string>, confirm = false) {
      const { html } = await client.page(`/staff/calendar/notices?year=${form['year']}`);
      const revision = /name="revision" value="(\d+)"/.exec(html)![1]!;
      const preview = await client.postForm('/staff/calendar/notices/preview', { ...form, revision });
      const previewHtml = await preview.text();
      if (preview.status !== 200) return { preview, previewHtml, save: undefined };
      const save = await client.postForm('/staff/calendar/notices', {
        ...form,
        revision,
        ...(confirm ? { confirm: '1' } : {}),
      });
      return { preview, previewHtml, save, revision };
    }

    test('entering 2027 makes a 2027 deadline computable where before it was refused', async () => {
      const before = await loadWorkingCalendar(t.database.open.db);
      const refused = addWorkingDays(before, '2026-12-20', 20);
      assert.equal(refused.ok, false);
      assert.ok(!refused.ok && refused.year === 2027);

      const { preview, previewHtml, save } = await enter(admin, notice2027);
      assert.equal(preview.status, 200);
      assert.match(previewHtml, /保存后工作日历覆盖至 <strong>2027年12月31日<\/strong>/);
      assert.match(previewHtml, /2027-02-14/);
      assert.equal(save!.status, 303);
      assert.equal(save!.headers.get('location'), '/staff/calendar?done=notice');
      assert.match((await admin.page('/staff/calendar?done=notice')).html, /节假日安排已保存/);

      const after = await loadWorkingCalendar(t.database.open.db);
      assert.equal(after.coverage.lastDate, '2027-12-31');
      // 2026-12-20 (Sun): 12-21…25 (1–5), 12-28…31 (6–9), 1-01…03 元旦, 1-04…08 (10–14), 1-11…15 (15–19), 1-18 (20).
      const period = unwrap(addWorkingDays(after, '2026-12-20', 20));
      assert.equal(period.due, '2027-01-18');
      assert.equal(period.explanation.find((d) => d.date === '2027-01-01')?.label, '元旦');
      // 2027-02-05 (Fri) + 1: 2-06…13 春节, 2-14 (Sun) 调休上班 is the first working day.
      assert.equal(unwrap(addWorkingDays(after, '2027-02-05', 1)).due, '2027-02-14');
      // The hook got the new calendar.
      assert.equal(seen.at(-1)?.coverage.lastDate, '2027-12-31');
    });

    test('the change is audited with who entered what', async () => {
      const row = await t.database.open.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'calendar.noticeSaved')
        .where('entity_id', '=', '2027')
        .executeTakeFirstOrThrow();
      assert.match(row.actor_label, /王建国/);
      assert.match(row.after_json ?? '', /测试用2027年节假日安排/);
      assert.match(row.after_json ?? '', /2027-02-14/);
    });

    test('an entered notice takes precedence over the shipped data for its whole year', async () => {
      const shipped = await loadWorkingCalendar(t.database.open.db);
      // Shipped 2026: 国庆 10-01…10-07 off (10-07 a Wednesday), 2026-11-30 a plain Monday.
      assert.equal(unwrap(shipped.day('2026-10-07')).kind, 'holiday');
      assert.equal(unwrap(shipped.day('2026-11-30')).working, true);
      const { save } = await enter(
        admin,
        {
          year: '2026',
          source: '测试：更正后的2026年安排',
          daysOff: '2026-10-01至2026-10-06 国庆节\n2026-11-30 测试假日',
          makeUpDays: '',
        },
        true,
      );
      assert.equal(save!.status, 303);
      const cal = await loadWorkingCalendar(t.database.open.db);
      assert.equal(unwrap(cal.day('2026-11-30')).kind, 'holiday');
      assert.equal(unwrap(cal.day('2026-11-30')).name, '测试假日');
      // Not in the entered notice: the shipped 2026 days are replaced, not merged.
      assert.equal(unwrap(cal.day('2026-10-07')).working, true);
      // 2026-01-01 (Thu, 元旦 in the shipped data) is not in the entered notice: a working day now.
      assert.equal(unwrap(cal.day('2026-01-01')).kind, 'workday');

      // Withdrawn: back to the shipped data, audited.
      const { html } = await admin.page('/staff/calendar/notices?year=2026');
      const revision = /notices\/2026\/withdraw"[\s\S]*?name="revision" value="(\d+)"/.exec(html)![1]!;
      const w = await admin.postForm('/staff/calendar/notices/2026/withdraw', { revision });
      assert.equal(w.status, 303);
      const back = await loadWorkingCalendar(t.database.open.db);
      assert.equal(unwrap(back.day('2026-10-07')).kind, 'holiday');
      assert.equal(unwrap(back.day('2026-11-30')).working, true);
      const again = await admin.postForm('/staff/calendar/notices/2026/withdraw', { revision });
      assert.equal(again.status, 404);
      const audited = await t.database.open.db
        .selectFrom('audit_log')
        .select('entity_id')
        .where('action', '=', 'calendar.noticeWithdrawn')
        .execute();
      assert.deepEqual(
        audited.map((r) => r.entity_id),
        ['2026'],
      );
    });

    test('another app server sees the change at its next computation (shared cache generation)', async () => {
      if (dialect !== 'sqlite') return; // the second handle below is a second SQLite connection to the file
      const other = openDatabase(t.database.url);
      try {
        const before = await loadWorkingCalendar(other.db);
        assert.equal(unwrap(before.day('2027-03-01')).working, true);
        const form = { ...notice2027, daysOff: `${notice2027.daysOff}\n2027-03-01 测试假日` };
        const { save } = await enter(admin, form);
        assert.equal(save!.status, 303);
        const after = await loadWorkingCalendar(other.db);
        assert.equal(unwrap(after.day('2027-03-01')).working, false);
        assert.notEqual(before, after);
        assert.equal(await loadWorkingCalendar(other.db), after, 'unchanged generation: the cached calendar');
      } finally {
        await other.close();
      }
    });

    test('local closures: a subtree closure holds for that subtree only, a site closure everywhere', async () => {
      const agencies = await t.database.open.db.selectFrom('agencies').select(['id', 'name', 'path']).execute();
      const rongxiang = agencies.find((a) => a.name.includes('荣巷'))!;
      const liyuan = agencies.find((a) => a.name.includes('蠡园'))!;
      const { html } = await admin.page('/staff/calendar');
      assert.match(html, /荣巷街道办事处及下级机构/);
      const r1 = await admin.postForm('/staff/calendar/closures', {
        agencyId: rongxiang.id,
        from: '2026-12-01',
        to: '2026-12-02',
        reason: '台风停止办公（测试）',
      });
      assert.equal(r1.status, 303);
      const r2 = await admin.postForm('/staff/calendar/closures', {
        agencyId: '',
        from: '2026-12-10',
        to: '2026-12-10',
        reason: '全区停止办公（测试）',
      });
      assert.equal(r2.status, 303);
      const cal = await loadWorkingCalendar(t.database.open.db);
      const rx = cal.forAgency(rongxiang.path);
      const ly = cal.forAgency(liyuan.path);
      assert.equal(unwrap(rx.day('2026-12-01')).kind, 'localClosure');
      assert.equal(unwrap(rx.day('2026-12-01')).name, '台风停止办公（测试）');
      assert.equal(unwrap(ly.day('2026-12-01')).working, true);
      assert.equal(unwrap(cal.day('2026-12-01')).working, true);
      for (const c of [rx, ly, cal]) assert.equal(unwrap(c.day('2026-12-10')).kind, 'localClosure');
      // 2026-11-30 (Mon) + 5 working days: 12-01/02 closed for 荣巷 only.
      assert.equal(unwrap(addWorkingDays(rx, '2026-11-30', 5)).due, '2026-12-09');
      assert.equal(unwrap(addWorkingDays(ly, '2026-11-30', 5)).due, '2026-12-07');

      const closure = await t.database.open.db
        .selectFrom('calendar_closures')
        .select('id')
        .where('agency_id', '=', rongxiang.id)
        .executeTakeFirstOrThrow();
      await admin.page('/staff/calendar');
      assert.equal((await admin.postForm(`/staff/calendar/closures/${closure.id}/withdraw`, {})).status, 303);
      assert.equal(
        unwrap((await loadWorkingCalendar(t.database.open.db)).forAgency(rongxiang.path).day('2026-12-01')).working,
        true,
      );
      // Replayed: already withdrawn.
      assert.equal((await admin.postForm(`/staff/calendar/closures/${closure.id}/withdraw`, {})).status, 409);
      const actions = (
        await t.database.open.db
          .selectFrom('audit_log')
          .select('action')
          .where('action', 'like', 'calendar.closure%')
          .execute()
      ).map((r) => r.action);
      assert.deepEqual(actions.sort(), ['calendar.closureAdded', 'calendar.closureAdded', 'calendar.closureWithdrawn']);
    });

    test('wrong role: business staff, the other administrators and the public cannot reach the calendar', async () => {
      for (const login of ['bgs.chengban', 'bgs.fuze', 'jiandu', 'security', 'auditor']) {
        const c = new TestClient(t.app);
        await c.login(login);
        assert.equal((await c.get('/staff/calendar')).status, 403, login);
        assert.equal((await c.get('/staff/calendar/notices?year=2028')).status, 403, login);
        const post = await c.postForm('/staff/calendar/notices', { ...notice2027, year: '2028', revision: '0' });
        assert.equal(post.status, 403, login);
        const closure = await c.postForm('/staff/calendar/closures', {
          agencyId: '',
          from: '2026-12-24',
          to: '2026-12-24',
          reason: 'x',
        });
        assert.equal(closure.status, 403, login);
      }
      const anon = new TestClient(t.app);
      const r = await anon.get('/staff/calendar');
      assert.equal(r.status, 303);
      assert.match(r.headers.get('location') ?? '', /^\/staff\/login/);
      assert.equal(
        await t.database.open.db
          .selectFrom('calendar_notices')
          .select('id')
          .where('year', '=', 2028)
          .executeTakeFirst(),
        undefined,
      );
    });

    test('a system administrator of a sub-agency manages closures of its subtree only, never notices', async () => {
      const db = t.database.open.db;
      const adminRow = await db.selectFrom('users').selectAll().where('login', '=', 'admin').executeTakeFirstOrThrow();
      const agencies = await db.selectFrom('agencies').select(['id', 'name', 'path']).execute();
      const rongxiang = agencies.find((a) => a.name.includes('荣巷'))!;
      const liyuan = agencies.find((a) => a.name.includes('蠡园'))!;
      await db
        .insertInto('users')
        .values({
          ...adminRow,
          id: newId(),
          login: 'rongxiang.admin',
          display_name: '街道管理员',
          agency_id: rongxiang.id,
          roles: JSON.stringify(['sysadmin']),
        })
        .execute();
      const c = new TestClient(t.app);
      assert.equal((await c.login('rongxiang.admin')).status, 303);
      const { html } = await c.page('/staff/calendar');
      assert.doesNotMatch(html, /全部机构<\/option>/);
      assert.doesNotMatch(html, /蠡园/);
      assert.equal((await c.get('/staff/calendar/notices?year=2028')).status, 403);
      const site = await c.postForm('/staff/calendar/closures', {
        agencyId: '',
        from: '2026-12-24',
        to: '2026-12-24',
        reason: '越权',
      });
      assert.equal(site.status, 403);
      const other = await c.postForm('/staff/calendar/closures', {
        agencyId: liyuan.id,
        from: '2026-12-24',
        to: '2026-12-24',
        reason: '越权',
      });
      assert.equal(other.status, 404);
      const own = await c.postForm('/staff/calendar/closures', {
        agencyId: rongxiang.id,
        from: '2026-12-24',
        to: '2026-12-24',
        reason: '本街道停电停止办公',
      });
      assert.equal(own.status, 303);
      // The site-wide closure entered by the root administrator is not its to withdraw.
      const siteClosure = await db
        .selectFrom('calendar_closures')
        .select('id')
        .where('agency_id', 'is', null)
        .executeTakeFirstOrThrow();
      assert.equal((await c.postForm(`/staff/calendar/closures/${siteClosure.id}/withdraw`, {})).status, 403);
    });

    test('CSRF: a post without the token changes nothing', async () => {
      const r = await admin.postForm('/staff/calendar/notices', { ...notice2027, year: '2029', revision: '0' }, false);
      assert.equal(r.status, 403);
      const r2 = await admin.postForm(
        '/staff/calendar/closures',
        { agencyId: '', from: '2026-12-24', to: '2026-12-24', reason: 'x' },
        false,
      );
      assert.equal(r2.status, 403);
      assert.equal(
        await t.database.open.db
          .selectFrom('calendar_notices')
          .select('id')
          .where('year', '=', 2029)
          .executeTakeFirst(),
        undefined,
      );
    });

    test('malformed dates and input are refused in Chinese beside the field, keeping what was typed', async () => {
      await admin.page('/staff/calendar/notices?year=2028');
      const bad = await admin.postForm('/staff/calendar/notices/preview', {
        year: '2028',
        revision: '0',
        source: '测试',
        daysOff: '2028-02-30 春节\n2028-13-01至2028-13-02 国庆节\n国庆 十月一日\n2028-01-01 元旦',
        makeUpDays: '2027-06-05 端午节',
      });
      assert.equal(bad.status, 422);
      const html = await bad.text();
      assert.match(html, /放假日期第1行：2028-02-30不是有效日期/);
      assert.match(html, /放假日期第2行：2028-13-01不是有效日期/);
      assert.match(html, /放假日期第3行：应为“日期 节日名称”/);
      assert.match(html, /2027-06-05不在2028年（或上一年12月）内/);
      assert.match(html, /国庆 十月一日/, 'the typed text is kept');
      // Same date as day off and make-up day; a range backwards; a year out of range.
      const both = await admin.postForm('/staff/calendar/notices/preview', {
        year: '2028',
        revision: '0',
        source: '测试',
        daysOff: '2028-01-01 元旦\n2028-05-05至2028-05-01 劳动节',
        makeUpDays: '2028-01-01 元旦',
      });
      const bothHtml = await both.text();
      assert.equal(both.status, 422);
      assert.match(bothHtml, /截止日期早于起始日期/);
      assert.equal((await admin.get('/staff/calendar/notices?year=1999')).status, 422);
      assert.equal((await admin.get('/staff/calendar/notices?year=abc')).status, 422);
      const closure = await admin.postForm('/staff/calendar/closures', {
        agencyId: '',
        from: '2026-02-30',
        to: '2026-01-01',
        reason: '',
      });
      assert.equal(closure.status, 422);
      const ch = await closure.text();
      assert.match(ch, /停止办公起始日期：不是有效日期/);
      assert.match(ch, /停止办公原因：请填写/);
      // A warning (make-up day on a weekday) must be confirmed before saving.
      const warn = await enter(admin, {
        year: '2028',
        source: '测试',
        daysOff: '2028-01-01 元旦',
        makeUpDays: '2028-01-04 元旦',
      });
      assert.match(warn.previewHtml, /调休上班日2028-01-04不是周末，请核对通知/);
      assert.equal(warn.save!.status, 422);
      assert.match(await warn.save!.text(), /请核对提示后勾选/);
    });

    test('oversize: a long field is a 422, a huge body a 413; nothing stored', async () => {
      await admin.page('/staff/calendar/notices?year=2030');
      const long = await admin.postForm('/staff/calendar/notices/preview', {
        year: '2030',
        revision: '0',
        source: '测试',
        daysOff: '2030-01-01 元旦\n'.repeat(400),
        makeUpDays: '',
      });
      assert.equal(long.status, 422);
      assert.match(await long.text(), /放假日期：不能超过4000个字符/);
      const lines = Array.from({ length: 61 }, (_, i) => `2030-03-${String((i % 28) + 1).padStart(2, '0')} 测`).join(
        '\n',
      );
      const many = await admin.postForm('/staff/calendar/notices/preview', {
        year: '2030',
        revision: '0',
        source: '测试',
        daysOff: lines,
        makeUpDays: '',
      });
      assert.equal(many.status, 422);
      assert.match(await many.text(), /不能超过60行/);
      const wide = await admin.postForm('/staff/calendar/notices/preview', {
        year: '2030',
        revision: '0',
        source: '测试',
        daysOff: '2030-01-01至2030-12-31 假',
        makeUpDays: '',
      });
      assert.match(await wide.text(), /一段假期不能超过40天/);
      const huge = await admin.postForm('/staff/calendar/notices', {
        year: '2030',
        revision: '0',
        source: 'x'.repeat(70_000),
        daysOff: '',
        makeUpDays: '',
      });
      assert.equal(huge.status, 413);
      assert.equal(
        await t.database.open.db
          .selectFrom('calendar_notices')
          .select('id')
          .where('year', '=', 2030)
          .executeTakeFirst(),
        undefined,
      );
    });

    test('double submit: the second save of one previewed form is a conflict, one revision stored', async () => {
      const form = { year: '2031', source: '测试2031', daysOff: '2031-01-01 元旦', makeUpDays: '' };
      const { save, revision } = await enter(admin, form);
      assert.equal(save!.status, 303);
      const replay = await admin.postForm('/staff/calendar/notices', { ...form, revision: revision! });
      assert.equal(replay.status, 409);
      assert.match(await replay.text(), /已被修改（可能是重复提交）/);
      const rows = await t.database.open.db
        .selectFrom('calendar_notices')
        .select('revision')
        .where('year', '=', 2031)
        .execute();
      assert.equal(rows.length, 1);
    });
  });
}
