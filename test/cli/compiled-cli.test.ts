/**
 * The compiled CLI (scripts/build.mjs → dist/gongkai.js, what `npx gongkai` runs after `npm ci`) behaves exactly as
 * the TypeScript sources: same output, same exit codes, on every input kind; what the sources load on first use
 * is still loaded on first use; and bin/gongkai.mjs only trusts a build that is newer than its sources.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isDistFresh } from '../../scripts/dist-state.mjs';
import { buildTemporaryDist, ROOT, staticImports } from '../build-temporary-dist.ts';

/** Runs the compiled CLI's main() the way bin/gongkai.mjs does. */
const RUN_COMPILED =
  'const [url, ...args] = process.argv.slice(1); const { main } = await import(url); process.exitCode = await main(args);';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(argv: string[], input: string | undefined, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, argv, {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fixture = (path: string) => join(ROOT, 'test/fixtures', path);

/** Packages the CLI's start-up must not load for a published report: each costs as much as the whole check. */
const LAZY_FOR_CHECK = ['zod', 'htmlparser2', 'jszip', 'pdfjs-dist', 'exceljs', 'pdfkit', 'echarts', 'docx', 'kysely'];
const LAZY_FOR_SERVER = ['pdfjs-dist', 'exceljs', 'pdfkit', 'echarts'];

describe('the compiled CLI (dist/gongkai.js) against the sources', () => {
  let dist: { dir: string; remove: () => void };
  let inputs: string;
  before(() => {
    dist = buildTemporaryDist();
    inputs = join(dist.dir, '..', 'reports');
    mkdirSync(inputs);
    for (const name of ['000_634df97904522664.txt', '001_ec4eb35032c3f175.txt', '004_8348c369c04ae5dc.txt']) {
      copyFileSync(fixture(`seeds/${name}`), join(inputs, name));
    }
  });
  after(() => dist?.remove());

  const compiled = (args: string[], input?: string) =>
    run(['--input-type=module', '-e', RUN_COMPILED, pathToFileURL(join(dist.dir, 'gongkai.js')).href, ...args], input);
  const source = (args: string[], input?: string) =>
    run([join(ROOT, 'bin/gongkai.mjs'), ...args], input, { GONGKAI_FROM_SOURCE: '1' });
  const same = (args: string[], input?: string): Run => {
    const c = compiled(args, input);
    assert.deepEqual(c, source(args, input), `gongkai ${args.join(' ')}`);
    return c;
  };

  it('check: a seed text report, its --json, and the report JSON fed back on stdin', () => {
    const text = same(['check', fixture('seeds/000_634df97904522664.txt')]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /\[警告\] 分项之和不符（ENUMERATION_SUM） 第7行/);
    const json = same(['check', '--json', fixture('seeds/004_8348c369c04ae5dc.txt')]);
    assert.equal(json.code, 1);
    assert.ok(JSON.parse(json.stdout).findings.some((f: { code: string }) => f.code === 'COLUMN_MISSING'));
    // A report JSON is validated with zod, which the compiled CLI loads only for it.
    const again = same(['check', '-'], json.stdout);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /东兴街道办事处2025年政府信息公开工作年度报告/);
    const invalid = same(['check', '-'], '{"schema": "gongkai.report/1", "format": "2021"}');
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /报告 JSON 不符合 gongkai\.report\/1/);
  });

  it('check: HTML, Word and PDF reports (htmlparser2, jszip and pdf.js loaded on first use)', () => {
    for (const path of ['html/rongxiang-2025.html', 'docx/rongxiang-2025.docx', 'pdf/writer-rongxiang-2025.pdf']) {
      const r = same(['check', fixture(path)]);
      assert.equal(r.code, 0, `${path}: ${r.stderr}`);
      assert.match(r.stdout, /荣巷街道/, path);
    }
  });

  it('check DIR forks the compiled worker (dist/check-worker.js) and sums up the same way', () => {
    const r = same(['check', inputs, '--jobs', '2']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /文件 3 个，成功读取 3 个，无法读取 0 个，含错误级问题 1 个/);
  });

  it('--help and an unknown command behave as the sources do', () => {
    const help = same(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /用法：gongkai <命令> \[参数\]/);
    const unknown = same(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /未知命令“frobnicate”/);
    assert.equal(unknown.stdout, '');
    assert.equal(same([]).code, 2);
  });

  it('libraries loaded on first use in the sources stay so in the compiled files', () => {
    const cli = staticImports(dist.dir, 'gongkai.js');
    const checkChunk = /import\("\.\/(check-[\w]+\.js)"\)/.exec(readFileSync(join(dist.dir, 'gongkai.js'), 'utf8'));
    assert.ok(checkChunk, 'the check command is a chunk of its own');
    const check = staticImports(dist.dir, checkChunk[1]!);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    assert.deepEqual(
      [...cli.packages].filter((p) => !builtins.has(p)),
      [],
      'gongkai.js loads no package at start',
    );
    assert.deepEqual(
      [...check.packages].filter((p) => LAZY_FOR_CHECK.includes(p)),
      [],
      'checking a text report loads none of these',
    );
    const server = staticImports(dist.dir, 'server.js');
    assert.ok(server.packages.has('hono'), 'the server statically loads its framework (the parser sees imports)');
    assert.deepEqual(
      [...server.packages].filter((p) => LAZY_FOR_SERVER.includes(p)),
      [],
    );
  });

  it('modules started by URL (workers, child processes) point at compiled files that exist', () => {
    const started = new Set<string>();
    for (const name of readdirSync(dist.dir).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(dist.dir, name), 'utf8');
      assert.doesNotMatch(code, /new URL\("\.\/[\w-]+\.ts", import\.meta\.url\)/, name);
      for (const m of code.matchAll(/new URL\("\.\/([\w-]+\.js)", import\.meta\.url\)/g)) started.add(m[1]!);
    }
    assert.deepEqual([...started].sort(), ['check-worker.js', 'extract-text-worker.js', 'report-check-worker.js']);
    for (const name of started) assert.ok(statSync(join(dist.dir, name)).isFile(), name);
  });

  it('a build is trusted only while none of its sources is newer (bin/gongkai.mjs falls back to tsx)', () => {
    assert.equal(isDistFresh('gongkai', dist.dir), true);
    assert.equal(isDistFresh('server', dist.dir), true);
    const infoPath = join(dist.dir, 'build-info.json');
    const info = JSON.parse(readFileSync(infoPath, 'utf8')) as { builtAt: number; programs: Record<string, string[]> };
    const newest = Math.max(...info.programs['gongkai']!.map((p) => statSync(join(ROOT, p)).mtimeMs));
    try {
      writeFileSync(infoPath, JSON.stringify({ ...info, builtAt: newest - 1 }));
      assert.equal(isDistFresh('gongkai', dist.dir), false, 'a source edited after the build');
      const gone = { gongkai: [...info.programs['gongkai']!, 'src/cli/no-such-file.ts'] };
      writeFileSync(infoPath, JSON.stringify({ ...info, programs: gone }));
      assert.equal(isDistFresh('gongkai', dist.dir), false, 'a source removed since');
      assert.equal(isDistFresh('server', dist.dir), false, 'a program the build does not describe');
      rmSync(infoPath);
      assert.equal(isDistFresh('gongkai', dist.dir), false, 'no build-info.json: an incomplete build');
    } finally {
      writeFileSync(infoPath, JSON.stringify(info));
    }
  });
});
