import type { BuildOptions } from 'esbuild';

/** How esbuild compiles the sources for dist/; see build.mjs. */
export const COMPILE_OPTIONS: BuildOptions;
