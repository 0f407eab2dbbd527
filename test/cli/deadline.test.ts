/** `gongkai deadline` as a user runs it: the due date and skipped days, JSON, refusal past the data, bad input. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function gongkai(args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/gongkai.mjs'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const noStackTrace = (text: string) => assert.doesNotMatch(text, /\n\s+at .+\(.+:\d+:\d+\)/);

describe('gongkai deadline', () => {
  it('prints the due date and the days it skipped, in Chinese (2025-09-25 → 2025-10-29, counted by hand)', () => {
    const r = gongkai(['deadline', '--received', '2025-09-25']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /届满日期：2025-10-29（星期三）/);
    assert.match(r.stdout, /共34个自然日，计入20个工作日，跳过14天/);
    assert.match(r.stdout, /2025-09-28 {2}星期日 {2}第2个工作日 +调休上班（国庆节）/);
    assert.match(r.stdout, /2025-10-06 {2}星期一 {2}不计入 +中秋节/);
    assert.match(r.stdout, /2025-10-11 {2}星期六 {2}第7个工作日 +调休上班（国庆节）/);
    assert.doesNotMatch(r.stdout, /2025-10-09/, 'ordinary working days are listed only with --all');
    const all = gongkai(['deadline', '--received', '2025-09-25', '--all']);
    assert.match(all.stdout, /2025-10-09 {2}星期四 {2}第5个工作日 +工作日/);
  });

  it('--json gives the due date, the skipped days and the make-up days', () => {
    const r = gongkai(['deadline', '--received=2025-09-25', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.due, '2025-10-29');
    assert.equal(out.workingDays, 20);
    assert.equal(out.skipped.length, 14);
    assert.deepEqual(
      out.makeUpDays.map((d: { date: string }) => d.date),
      ['2025-09-28', '2025-10-11'],
    );
    assert.equal(out.calendar.coveredTo, '2026-12-31');
  });

  it('--days counts another period: the 7 days of 补正 end on the make-up Saturday 2025-10-11', () => {
    const out = JSON.parse(gongkai(['deadline', '--received', '2025-09-25', '--days', '7', '--json']).stdout);
    assert.equal(out.due, '2025-10-11');
  });

  it('past the calendar’s data it names the missing year and exits 1', () => {
    const r = gongkai(['deadline', '--received', '2026-12-10']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^缺少2027年节假日安排（国务院办公厅通知），无法计算/);
    noStackTrace(r.stderr);
    const j = gongkai(['deadline', '--received', '2026-12-10', '--json']);
    assert.equal(j.code, 1);
    assert.deepEqual((({ code, year, date }) => ({ code, year, date }))(JSON.parse(j.stdout).error), {
      code: 'CALENDAR_MISSING_YEAR',
      year: 2027,
      date: '2027-01-01',
    });
  });

  it('bad arguments: a Chinese message, the usage, exit 2', () => {
    for (const [args, message] of [
      [[], /缺少 --received/],
      [['--received', '2025-02-29'], /不是有效日期/],
      [['--received', "2025-09-25'; rm -rf /"], /不是有效日期/],
      [['--received', '2025-09-25', '--days', '0'], /须为1至100之间的整数/],
      [['--received', '2025-09-25', '--days', '1e3'], /须为1至100之间的整数/],
      [['--received', '2025-09-25', '--days'], /需要一个值/],
      [['--received', '2025-09-25', '--bogus'], /未知参数 --bogus/],
      [['--received', '2025-09-25', 'extra'], /多余的参数/],
    ] as const) {
      const r = gongkai(['deadline', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /用法：gongkai deadline/);
      noStackTrace(r.stderr);
    }
  });

  it('is listed in the help', () => {
    assert.match(gongkai(['--help']).stdout, /deadline +计算答复期限/);
  });
});
