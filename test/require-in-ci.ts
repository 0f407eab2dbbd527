/**
 * What a test suite needs from the machine (PostgreSQL, Debian chromium). In CI — `CI=1`, which `.ci/run`
 * sets — a missing service or program fails the run: a suite that quietly skips there proves nothing. Locally
 * the suite is skipped with a message that says what is missing and how to get it.
 */
export const inCi = ['1', 'true'].includes((process.env['CI'] ?? '').toLowerCase());

const warned = new Set<string>();

/** `false` when present; otherwise, locally, the skip reason (printed once) — in CI, an error. */
export function requireInCi(present: boolean, what: string, howToGet: string): false | string {
  if (present) return false;
  const message = `缺少${what}：${howToGet}`;
  if (inCi) throw new Error(`CI 环境${message}（CI 中不得跳过测试）`);
  if (!warned.has(what)) {
    warned.add(what);
    process.stderr.write(`注意：${message}；相关测试本次未运行。\n`);
  }
  return `已跳过：${message}`;
}
