// Whether dist/ (scripts/build.mjs) still matches the sources: no source it was compiled from has changed since the
// build started. bin/gongkai.mjs runs the compiled CLI only then — after `git pull` or an edit it runs the sources
// through tsx until the next `npm run build` — and `npm start` rebuilds first. Costs one stat per source (~1 ms).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * `program`: gongkai (the CLI) or server; `dir`: a build output (default dist/). False when it is missing,
 * incomplete, or older than one of the sources compiled into what the program loads.
 */
export function isDistFresh(program, dir = join(root, 'dist')) {
  let info;
  try {
    info = JSON.parse(readFileSync(join(dir, 'build-info.json'), 'utf8'));
  } catch {
    return false;
  }
  const inputs = info.programs?.[program];
  if (typeof info.builtAt !== 'number' || !Array.isArray(inputs)) return false;
  for (const input of inputs) {
    const stat = statSync(join(root, input), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > info.builtAt) return false;
  }
  return true;
}
