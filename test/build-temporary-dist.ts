/**
 * Builds the compiled CLI and server (scripts/build.mjs) into a temporary directory inside the repository — not
 * dist/, which other tests' processes may be starting at the same moment — so the compiled programs can be run
 * beside the sources. Inside the repository because the compiled files find their packages in node_modules.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export function buildTemporaryDist(): { dir: string; remove: () => void } {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = join(mkdtempSync(join(ROOT, '.tmp', 'build-test-')), 'dist');
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', dir], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`编译失败：${r.stderr}${r.stdout}`);
  return { dir, remove: () => rmSync(join(dir, '..'), { recursive: true, force: true }) };
}

/** The files and packages a compiled file loads before it runs: its static imports, transitively. */
export function staticImports(dir: string, file: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (name: string) => {
    if (files.has(name)) return;
    files.add(name);
    const code = readFileSync(join(dir, name), 'utf8');
    for (const m of code.matchAll(/^(?:import|export)\s(?:[^;]*?\sfrom\s*)?"([^"]+)"(?:\s+with\s*\{[^}]*\})?;/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('./')) visit(spec.slice(2));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(file);
  return { files, packages };
}
