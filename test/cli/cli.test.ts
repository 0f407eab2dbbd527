/** The `gongkai` command as a user runs it: exit codes, stdout/stderr, JSON shape, directories. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, copyFileSync, readFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { randomReport } from '../../src/core/report/random-report.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEEDS = join(ROOT, 'test/fixtures/seeds');
const seed = (name: string) => join(SEEDS, name);

function gongkai(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/gongkai.mjs'), ...args], {
    input,
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const noStackTrace = (text: string) => assert.doesNotMatch(text, /\n\s+at .+\(.+:\d+:\d+\)/);

describe('gongkai check', () => {
  it('prints a Chinese summary grouped by table and exits 0 without error-level findings', () => {
    const r = gongkai(['check', seed('000_634df97904522664.txt')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /荣巷街道2025年政府信息公开工作年度报告/);
    assert.match(r.stdout, /\[警告\] 分项之和不符（ENUMERATION_SUM） 第7行/);
  });

  it('--json with one file prints exactly {report, findings}; an error-level finding exits 1', () => {
    const r = gongkai(['check', '--json', seed('004_8348c369c04ae5dc.txt')]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const out = JSON.parse(lines[0]!);
    assert.deepEqual(Object.keys(out), ['report', 'findings']);
    assert.equal(out.report.schema, 'gongkai.report/1');
    assert.ok(out.findings.some((f: { code: string }) => f.code === 'COLUMN_MISSING'));
  });

  it('--json with several files prints one object per line, in argument order; - reads stdin', () => {
    const text = readFileSync(seed('002_97054ec23e7fdf58.txt'));
    const r = gongkai(['check', '--json', seed('001_ec4eb35032c3f175.txt'), '-'], text);
    assert.equal(r.code, 0, r.stderr);
    const [first, second] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(first.report.agency, '江源街道办事处');
    assert.equal(second.report.agency, '重庆市渝中区人民政府朝天门街道办事处');
  });

  it('unreadable input: Chinese message on stderr, exit 2, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
    const cases: [string, Buffer][] = [
      ['empty.txt', Buffer.alloc(0)],
      ['garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
      ['cut.docx', Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000', 'latin1')],
    ];
    for (const [name, bytes] of cases) {
      writeFileSync(join(dir, name), bytes);
      const r = gongkai(['check', join(dir, name)]);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, /无法读取：[\u4e00-\u9fff]/, name);
      noStackTrace(r.stderr);
    }
    const missing = gongkai(['check', join(dir, 'nope.txt')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /找不到文件/);
  });

  it('--previous adds the cross-year checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-'));
    const previous = randomReport(101, { format: '2021' });
    const current = randomReport(102, { format: '2021' });
    current.year = previous.year! + 1;
    current.t3.carriedOver = { ...previous.t3.carryForward, natural: (previous.t3.carryForward.natural ?? 0) + 2 };
    writeFileSync(join(dir, 'prev.json'), JSON.stringify(previous));
    writeFileSync(join(dir, 'cur.json'), JSON.stringify(current));
    const r = gongkai(['check', '--json', '--previous', join(dir, 'prev.json'), join(dir, 'cur.json')]);
    const out = JSON.parse(r.stdout);
    assert.ok(
      out.findings.some(
        (f: { code: string; cells: string[] }) =>
          f.code === 'CARRY_OVER_MISMATCH' && f.cells.includes('t3.carriedOver.natural'),
      ),
    );
  });

  it('a directory is checked on several processes and ends with a summary by finding code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-dir-'));
    for (const name of ['000_634df97904522664.txt', '002_97054ec23e7fdf58.txt', '004_8348c369c04ae5dc.txt'])
      copyFileSync(seed(name), join(dir, name));
    writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.7\n%garbage');
    const r = gongkai(['check', dir, '--jobs', '2']);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /文件 4 个，成功读取 3 个，无法读取 1 个，含错误级问题 1 个/);
    assert.match(r.stdout, /COLUMN_MISSING\s+1/);
    assert.match(r.stdout, /FEE_STATEMENT_MISSING\s+2/);
    assert.match(r.stdout, /broken\.pdf：/);
  });
});

describe('gongkai render and compare', () => {
  it('render writes each format, and checking the output gives back the report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-render-'));
    const report = randomReport(7, { format: '2021' });
    writeFileSync(join(dir, 'r.json'), JSON.stringify(report));
    for (const to of ['txt', 'html', 'docx', 'xlsx']) {
      const out = join(dir, `r.${to}`);
      const r = gongkai(['render', join(dir, 'r.json'), '--to', to, '-o', out]);
      assert.equal(r.code, 0, r.stderr);
      const back = JSON.parse(gongkai(['check', '--json', out]).stdout);
      assert.deepEqual(back.report, report, to);
    }
    const bad = gongkai(['render', join(dir, 'r.json'), '--to', 'odt', '-o', join(dir, 'x')]);
    assert.equal(bad.code, 2);
  });

  it('compare prints X1/X2 findings and the changed cells', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-cmp-'));
    const previous = randomReport(201, { format: '2021' });
    const current = structuredClone(previous);
    current.year = previous.year! + 1;
    current.t3.carriedOver = structuredClone(previous.t3.carryForward);
    current.t3.granted.natural = (current.t3.granted.natural ?? 0) + 1;
    writeFileSync(join(dir, 'a.json'), JSON.stringify(previous));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(current));
    const r = gongkai(['compare', join(dir, 'a.json'), join(dir, 'b.json'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.ok(
      out.changes.some((c: { path: string; delta: number }) => c.path === 't3.granted.natural' && c.delta === 1),
    );
    const human = gongkai(['compare', join(dir, 'a.json'), join(dir, 'b.json')]);
    assert.match(human.stdout, /t3\.granted\.natural/);
  });
});

describe('gongkai check refuses what is not a report', () => {
  it('HTML without tables, a document of another kind, and a file over 50 MB: Chinese message, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-bad-'));
    writeFileSync(
      join(dir, 'notice.html'),
      '<!doctype html><html><body><h1>关于开展2025年春季植树活动的通知</h1><p>各社区：为改善人居环境，现将有关事项通知如下。</p></body></html>',
    );
    const html = gongkai(['check', join(dir, 'notice.html')]);
    assert.equal(html.code, 2);
    assert.match(html.stderr, /不是政府信息公开工作年度报告/);

    const tablesAsPictures =
      '<html><body><h1>某街道2025年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年……。</p><p>二、主动公开政府信息情况</p><p><img src="t2.png"></p><p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>';
    writeFileSync(join(dir, 'pictures.html'), tablesAsPictures);
    const pictures = gongkai(['check', join(dir, 'pictures.html')]);
    assert.equal(pictures.code, 2);
    assert.match(pictures.stderr, /没有找到年度报告的任何统计表格/);

    const big = join(dir, 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, 51 * 1024 * 1024);
    const large = gongkai(['check', big]);
    assert.equal(large.code, 2);
    assert.match(large.stderr, /超过 50 MB/);
    noStackTrace(large.stderr);
  });
});
