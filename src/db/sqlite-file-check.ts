import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

/**
 * Checks that a file is an intact Gongkai SQLite database: readable, `PRAGMA integrity_check` ok, and marked
 * by migration 001 (app_settings.application = 'gongkai'). Returns a Chinese problem, or null.
 */
export function gongkaiSqliteProblem(file: string): string | null {
  if (!existsSync(file)) return `文件不存在：${file}`;
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `数据库文件已损坏（integrity_check：${String(integrity)}）`;
    const marker = db.prepare("SELECT value FROM app_settings WHERE key = 'application'").get() as
      { value: string } | undefined;
    if (marker?.value !== 'gongkai') return '不是 Gongkai 的数据库（缺少应用标记）';
    return null;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/no such table/.test(msg)) return '不是 Gongkai 的数据库（缺少 app_settings 表）';
    return `无法作为 SQLite 数据库读取：${msg}`;
  } finally {
    db?.close();
  }
}

/**
 * True when another process has the database open. In WAL mode every open connection holds a shared lock
 * on the -shm file; a connection in EXCLUSIVE locking mode can then not start a write transaction.
 */
export function sqliteInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new SQLite(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}
