/** The database a CLI command works on: `--database URL`, else DATABASE_URL, else the server's default. */
export const defaultDatabaseUrl = 'sqlite:./data/gongkai.db';

export function resolveDatabaseUrl(
  args: string[],
  env: Record<string, string | undefined>,
): { url: string; rest: string[] } {
  const rest: string[] = [];
  let url = env['DATABASE_URL'] || defaultDatabaseUrl;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--database' && args[i + 1]) url = args[++i] ?? url;
    else if (a.startsWith('--database=')) url = a.slice('--database='.length);
    else rest.push(a);
  }
  return { url, rest };
}
