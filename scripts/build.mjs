#!/usr/bin/env node
// `npm run build`, also run by `npm ci` / `npm install` (the `prepare` script): compiles the CLI and the server to
// plain JavaScript in dist/ with esbuild, so that `npx gongkai` and `npm start` do not compile TypeScript on every
// start (docs/ARCHITECTURE.md「Compiled build」). Tests keep running the sources through tsx.
//
// One bundle per entry with code splitting: what a source module loads with `await import()` becomes its own chunk
// and is still loaded on first use (readers, exceljs, pdfkit, echarts, the CLI's commands). Packages in
// node_modules stay external (resolved by Node from node_modules, as under tsx): native modules (better-sqlite3,
// @node-rs/jieba), pdf.js's own loading (src/readers/load-pdfjs.ts) and the data files packages read beside their
// code keep working unchanged. Every file lands flat in dist/, so `new URL('./x.js', import.meta.url)` resolves
// the same from any chunk: a source line `new URL('./name.ts', import.meta.url)` (a worker or child process
// started from a file) becomes its own entry dist/name.js, and the URL is rewritten to it.
//
//   node scripts/build.mjs               build dist/
//   node scripts/build.mjs --if-stale    build only when a compiled source changed since (`npm start` runs this)
//   node scripts/build.mjs --outdir DIR  build elsewhere (the test of the compiled CLI builds into a temporary dir)
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDistFresh } from './dist-state.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The programs users start. Their names are the files in dist/. */
const ENTRIES = { gongkai: 'src/cli/main.ts', server: 'src/server/main.ts' };

/** `new URL('./name.ts', import.meta.url)`: a module started by path (worker thread or child process). */
const STARTED_BY_URL = /new URL\(\s*'\.\/([\w-]+)\.ts'\s*,\s*import\.meta\.url\s*\)/g;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Modules the sources start by URL, as extra entries named after the file (names must be unique in flat dist/). */
function startedByUrl() {
  const entries = {};
  for (const file of sourceFiles(join(root, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(STARTED_BY_URL)) {
      const target = join(dirname(file), `${m[1]}.ts`);
      const other = entries[m[1]];
      if (other && other !== target) throw new Error(`两个模块同名，无法平铺到 dist/：${other}、${target}`);
      entries[m[1]] = target;
    }
  }
  return entries;
}

/** Rewrites `new URL('./name.ts', import.meta.url)` to the compiled `./name.js` beside every chunk. */
const rewriteStartedByUrl = {
  name: 'gongkai-started-by-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      return {
        contents: source.replace(STARTED_BY_URL, (_, name) => `new URL('./${name}.js', import.meta.url)`),
        loader: 'ts',
      };
    });
  },
};

/** Sources compiled into the output files that `entries` load, statically or with `await import()`. */
function sourcesOf(metafile, outdir, entries) {
  const seen = new Set();
  const sources = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const output = metafile.outputs[file];
    for (const input of Object.keys(output.inputs)) if (!input.includes('node_modules')) sources.add(input);
    for (const i of output.imports) if (!i.external) visit(i.path);
  };
  for (const entry of entries) visit(`${outdir}/${entry}.js`);
  return [...sources].sort();
}

/** How esbuild compiles the sources for dist/; the reader benchmark compiles its probe the same way (bench/compiled-probe.ts). */
export const COMPILE_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  // The oldest Node of package.json "engines". (With plain `node20`, esbuild drops the `with { type: 'json' }`
  // of JSON imports, which Node then refuses.)
  target: 'node20.19',
  packages: 'external',
  charset: 'utf8',
};

export async function buildDist(outdir = join(root, 'dist')) {
  // esbuild is loaded here, not at the top: `--if-stale` on a fresh dist/ should not pay for it.
  const { build } = await import('esbuild');
  const builtAt = Date.now();
  const staging = `${outdir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const workers = startedByUrl();
  const entryPoints = { ...workers, ...ENTRIES };
  const result = await build({
    absWorkingDir: root,
    entryPoints,
    outdir: staging,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    ...COMPILE_OPTIONS,
    splitting: true,
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [rewriteStartedByUrl],
  });
  // What the freshness check compares against (scripts/dist-state.mjs): per program, the sources compiled into
  // the files it can load (its modules started by URL included), and this script.
  const programs = Object.fromEntries(
    Object.keys(ENTRIES).map((name) => [
      name,
      [...sourcesOf(result.metafile, relative(root, staging), [name, ...Object.keys(workers)]), 'scripts/build.mjs'],
    ]),
  );
  writeFileSync(join(staging, 'build-info.json'), `${JSON.stringify({ builtAt, programs }, null, 1)}\n`);
  // Swapped in whole: a CLI started during the build finds either the old dist/, none (it then runs the sources),
  // or the new one — never half of one.
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  const inputs = new Set(Object.values(programs).flat()).size;
  return { outdir, entries: Object.keys(entryPoints), inputs, ms: Date.now() - builtAt };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--outdir');
  const outdir = at >= 0 ? resolve(args[at + 1] ?? '') : join(root, 'dist');
  if (args.includes('--if-stale') && Object.keys(ENTRIES).every((p) => isDistFresh(p, outdir))) process.exit(0);
  const built = await buildDist(outdir);
  console.log(
    `已编译到 ${relative(process.cwd(), built.outdir) || basename(built.outdir)}/：` +
      `${built.entries.map((e) => `${e}.js`).join('、')}（${built.inputs} 个源文件，${built.ms} ms）`,
  );
}
