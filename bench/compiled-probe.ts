/**
 * The reader benchmark's probe compiled as the product runs it. The check children the server starts run dist/,
 * which esbuild bundles (scripts/build.mjs); under tsx the same sources run with esbuild's `keepNames`, which wraps
 * every named function and closure in a call that sets its name — the read measured ~5 % slower that way. The probe
 * is bundled with the build's options (scripts/build.mjs COMPILE_OPTIONS; packages stay external: pdf.js loads from node_modules as in dist/) into
 * node_modules/.cache, once per benchmark run.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { COMPILE_OPTIONS } from '../scripts/build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let compiled: Promise<string> | undefined;

/** The path of five-page-probe.ts compiled to one ES module (built on the first call). */
export function compiledFivePageProbe(): Promise<string> {
  compiled ??= (async () => {
    const dir = `${root}node_modules/.cache/gongkai-bench`;
    mkdirSync(dir, { recursive: true });
    const outfile = `${dir}/five-page-probe.mjs`;
    await build({
      absWorkingDir: root,
      entryPoints: ['bench/five-page-probe.ts'],
      outfile,
      ...COMPILE_OPTIONS,
      logLevel: 'warning',
    });
    return outfile;
  })();
  return compiled;
}
