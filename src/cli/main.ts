/**
 * `gongkai` — one entry point, one file per command (src/cli/commands/*.ts). A command parses its arguments,
 * calls one use-case and prints; it returns the exit code.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> }> =
  {
    check: {
      summary: '读取并校验年度报告：gongkai check 文件…|目录 [--json] [--previous 上年报告]',
      load: () => import('./commands/check.ts'),
    },
    render: {
      summary: '由报告 JSON 生成文档：gongkai render 报告.json --to html|docx|pdf|xlsx|txt -o 输出文件',
      load: () => import('./commands/render.ts'),
    },
    compare: {
      summary: '比对同一机关相邻两年的报告：gongkai compare 上年 本年 [--json]',
      load: () => import('./commands/compare.ts'),
    },
    deadline: {
      summary: '计算答复期限：gongkai deadline --received 2025-09-25 [--days 20] [--json]',
      load: () => import('./commands/deadline.ts'),
    },
    audit: {
      summary: '审计日志：gongkai audit verify [--expect 序号:哈希] | anchor | keygen [文件] | rotate-key',
      load: () => import('./commands/audit.ts'),
    },
    backup: { summary: '备份 SQLite 数据库：gongkai backup 备份文件', load: () => import('./commands/backup.ts') },
    restore: {
      summary: '从备份恢复（SQLite 备份文件，或 PostgreSQL 的 pg_dump -Fc 到空库）：gongkai restore 备份文件 [--force]',
      load: () => import('./commands/restore.ts'),
    },
    'data-key': {
      summary: '个人信息加密密钥：gongkai data-key keygen [文件] | rotate（加入新密钥并重新加密申请人信息）',
      load: () => import('./commands/data-key.ts'),
    },
    account: {
      summary: '为无人能批准重置的管理员账号签发激活码：gongkai account recover 登录名',
      load: () => import('./commands/account.ts'),
    },
  };

export function usage(): string {
  return [
    'Gongkai（公开）政府信息公开工作平台 命令行',
    '',
    '用法：gongkai <命令> [参数]',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`),
    '',
    '退出码：0 无错误级问题；1 发现错误级问题；2 输入无法读取或参数有误。',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`未知命令“${name}”。\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await (await command.load()).run(args);
  } catch (error) {
    // Commands report expected problems themselves; anything else still gets a Chinese line, not a stack trace.
    process.stderr.write(`gongkai ${name}：发生内部错误：${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.GONGKAI_DEBUG) console.error(error);
    return 2;
  }
}
