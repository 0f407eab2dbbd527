#!/usr/bin/env node
// The `gongkai` command. Runs the compiled CLI (dist/gongkai.js, built by `npm ci` through `prepare`, or by
// `npm run build`) when dist/ is there and no source it was built from has changed since; otherwise — a checkout
// without a build, sources edited or pulled after it, or GONGKAI_FROM_SOURCE=1 (how `npm test` runs) — the
// TypeScript sources through tsx: the same program, several times slower to start (docs/benchmarks.md).
import { isDistFresh } from '../scripts/dist-state.mjs';

const compiled = process.env.GONGKAI_FROM_SOURCE !== '1' && isDistFresh('gongkai');
let main;
if (compiled) {
  ({ main } = await import('../dist/gongkai.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
