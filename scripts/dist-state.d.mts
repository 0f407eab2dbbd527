/** Whether a build output (default dist/) still matches the sources of one program; see dist-state.mjs. */
export function isDistFresh(program: 'gongkai' | 'server', dir?: string): boolean;
