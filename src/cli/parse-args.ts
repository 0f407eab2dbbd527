/** A tiny argument parser: positional values plus `--flag`, `--name value` and `-o value`. */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(args: string[], valued: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.replace(/^--?/, '').split('=', 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`参数 ${arg} 需要一个值`);
      flags.set(name, value);
    } else flags.set(name, true);
  }
  return { positional, flags };
}
