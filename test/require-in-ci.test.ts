import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Runs a snippet in a fresh process with the given environment (CI is read once, at import). */
function run(code: string, env: Record<string, string | undefined>) {
  const clean = { ...process.env, CI: undefined, GONGKAI_TEST_PG_URL: undefined, DATABASE_URL: undefined, ...env };
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: root,
    env: Object.fromEntries(Object.entries(clean).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    encoding: 'utf8',
  });
}

const dialects = `import { testDialects } from './test/db/test-databases.ts'; console.log(JSON.stringify(testDialects()));`;
const missingProgram = `import { requireInCi } from './test/require-in-ci.ts'; console.log(requireInCi(false, ' chromium', 'apt-get install chromium'));`;

test('in CI a missing PostgreSQL fails the run instead of running on SQLite alone', () => {
  const ci = run(dialects, { CI: '1' });
  assert.notEqual(ci.status, 0);
  assert.match(ci.stderr, /CI 环境缺少 PostgreSQL：设置 GONGKAI_TEST_PG_URL/);
  const withPg = run(dialects, { CI: '1', GONGKAI_TEST_PG_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
  assert.equal(withPg.status, 0, withPg.stderr);
  assert.deepEqual(JSON.parse(withPg.stdout), ['sqlite', 'postgres']);
});

test('locally a missing PostgreSQL or chromium is a clear message and a skip, not a silent pass', () => {
  const local = run(dialects, {});
  assert.equal(local.status, 0, local.stderr);
  assert.deepEqual(JSON.parse(local.stdout), ['sqlite']);
  assert.match(local.stderr, /缺少 PostgreSQL：设置 GONGKAI_TEST_PG_URL=.*相关测试本次未运行/);
  const program = run(missingProgram, {});
  assert.match(program.stdout, /^已跳过：缺少 chromium：apt-get install chromium/);
  const programInCi = run(missingProgram, { CI: 'true' });
  assert.notEqual(programInCi.status, 0);
  assert.match(programInCi.stderr, /CI 环境缺少 chromium.*CI 中不得跳过测试/);
});
