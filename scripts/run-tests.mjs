#!/usr/bin/env node
// `npm test`: finds every *.test.ts under src/ and test/ and runs them with node's built-in test runner through
// tsx. (Node 20 does not expand glob patterns given to --test; Node 22 does, but one way for both is simpler.)
// Arguments narrow the run to paths containing any of them: `npm test -- seeds cli`.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = ['src', 'test']
  .flatMap((d) => collect(join(root, d)))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('没有找到匹配的测试文件');
  process.exit(1);
}
// A test that never ends fails after 4 minutes instead of holding CI until its own limit, and a file whose
// tests are done exits even if something it opened keeps the event loop alive (both flags: Node ≥ 20.14).
const guards = ['--test-timeout=240000', '--test-force-exit'];
// GONGKAI_FROM_SOURCE: tests that start bin/gongkai.mjs test the sources, not a dist/ built earlier (the compiled
// CLI and server have their own test, test/build/compiled-build.test.ts).
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...guards, ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, GONGKAI_FROM_SOURCE: '1' },
});
process.exit(result.status ?? 1);
