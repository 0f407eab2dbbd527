/**
 * CPU time used by this process (all its threads), in milliseconds. Tests that guard against a hang or a
 * runaway read measure this instead of wall time: wall time grows when other processes load the machine (a
 * busy CI runner, parallel test files), CPU time grows only with the work this process does. Speed targets
 * themselves are measured by `npm run bench`, not by tests.
 */
export function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
