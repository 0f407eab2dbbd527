import { spawn } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import type { Db } from './schema.ts';

/**
 * PostgreSQL backups for `gongkai restore`: custom-format archives made by `pg_dump -Fc`, read and restored with
 * the `pg_restore` of the PostgreSQL client tools (Debian: postgresql-client).
 */

/** True when the file starts like a pg_dump custom-format archive. */
export function isCustomDump(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

export type DumpRow = Record<string, string | null>;

/**
 * The rows of a few tables of a dump, WITHOUT restoring it anywhere: `pg_restore --data-only -f -` prints their
 * COPY blocks, parsed here (text format: tab-separated, `\N` for NULL, backslash escapes). Lets the audit chain of
 * a backup be verified before it touches the target database.
 */
export async function readDumpTables(file: string, tables: string[]): Promise<Map<string, DumpRow[]>> {
  const args = ['--data-only', ...tables.flatMap((t) => ['--table', t]), '--file', '-', file];
  const out = new Map<string, DumpRow[]>(tables.map((t) => [t, []]));
  const child = spawn('pg_restore', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = childExit(child);
  exited.catch(() => {}); // awaited below; keeps an early failure from being an unhandled rejection meanwhile
  let current: { rows: DumpRow[]; columns: string[] } | null = null;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (current) {
      if (line === '\\.') current = null;
      else {
        const fields = line.split('\t');
        const row: DumpRow = {};
        current.columns.forEach((c, i) => (row[c] = decodeCopyField(fields[i] ?? '\\N')));
        current.rows.push(row);
      }
      continue;
    }
    const m = /^COPY (?:"?[^\s."]+"?\.)?"?([^\s"]+)"? \((.*)\) FROM stdin;$/.exec(line);
    const rows = m ? out.get(m[1]!) : undefined;
    if (m && rows) current = { rows, columns: m[2]!.split(', ').map((c) => c.replace(/^"|"$/g, '')) };
  }
  await exited;
  return out;
}

/** Loads a dump into an (empty) database in one transaction; the password travels in the environment, not argv. */
export async function restoreDump(file: string, url: string): Promise<void> {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = '';
  const child = spawn(
    'pg_restore',
    ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', target.toString(), file],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } },
  );
  await childExit(child);
}

/** Number of tables in the database's current schema (a restore goes only into an empty database). */
export async function postgresTableCount(db: Db): Promise<number> {
  const r = await sql<{ n: string | number }>`SELECT count(*) AS n FROM information_schema.tables
    WHERE table_schema = current_schema()`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

function childExit(child: ReturnType<typeof spawn>): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new Error(
          e.code === 'ENOENT'
            ? '未找到 pg_restore（PostgreSQL 客户端工具，Debian：apt-get install postgresql-client）'
            : e.message,
        ),
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`pg_restore 失败（退出码 ${code}）：${stderr.trim().slice(0, 2000)}`)),
    );
  });
}

const simpleEscapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** One field of PostgreSQL's COPY text format. */
export function decodeCopyField(field: string): string | null {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  const bytes: number[] = [];
  const push = (s: string) => bytes.push(...Buffer.from(s, 'utf8'));
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    if (c !== '\\') {
      const code = field.codePointAt(i)!;
      const ch = String.fromCodePoint(code);
      push(ch);
      i += ch.length - 1;
      continue;
    }
    const n = field[i + 1] ?? '';
    const octal = /^[0-7]{1,3}/.exec(field.slice(i + 1))?.[0];
    const hex = n === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(field.slice(i + 2))?.[0] : undefined;
    if (octal) {
      bytes.push(parseInt(octal, 8) & 0xff);
      i += octal.length;
    } else if (hex) {
      bytes.push(parseInt(hex, 16));
      i += 1 + hex.length;
    } else {
      push(simpleEscapes[n] ?? n);
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
