/**
 * Stand-alone runner for the platform commands until they are reached through `gongkai`:
 *   npx tsx src/cli/platform-cli.ts audit verify|anchor|keygen|rotate-key | backup FILE | restore FILE
 */
const commands: Record<string, () => Promise<{ run: (args: string[]) => Promise<number> }>> = {
  audit: () => import('./commands/audit.ts'),
  backup: () => import('./commands/backup.ts'),
  restore: () => import('./commands/restore.ts'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? commands[name] : undefined;
if (!load) {
  process.stderr.write(
    '用法：platform-cli audit verify|anchor|keygen|rotate-key | backup 备份文件 | restore 备份文件\n',
  );
  process.exit(2);
}
process.exitCode = await (await load()).run(args);
