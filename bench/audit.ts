/**
 * Audit chain benchmarks (issue 6, item 5):
 * - cost of signing one entry: HMAC-SHA256 (keyed) beside the old plain SHA-256, same entries, same run;
 * - one append through recordAudit in its own transaction on a SQLite file (synchronous=FULL);
 * - `verify` of a 100 000-entry chain on SQLite (and PostgreSQL when GONGKAI_TEST_PG_URL is set), beside the
 *   time to merely read the same rows in the same batches.
 * BENCH_AUDIT_ENTRIES changes the chain length.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest } from '../src/db/migrate-to-latest.ts';
import { openDatabase, type OpenDatabase } from '../src/db/open-database.ts';
import { auditBatch } from '../src/db/repositories/platform/audit-repository.ts';
import type { AuditLogRow } from '../src/db/schema.ts';
import { auditHeadMac, genesisHash, keyedEntryHash, legacyEntryHash } from '../src/use-cases/platform/audit-hash.ts';
import { currentKey, ephemeralKeyring } from '../src/use-cases/platform/audit-keyring.ts';
import { defaultSecurity } from '../src/use-cases/platform/context.ts';
import { recordAudit } from '../src/use-cases/platform/record-audit.ts';
import { sealAuditChain } from '../src/use-cases/platform/seal-audit-chain.ts';
import { verifyAuditChain } from '../src/use-cases/platform/verify-audit-chain.ts';
import { createTestDatabase, pgAdminUrl } from '../test/db/test-databases.ts';
import type { BenchRow } from './bench-row.ts';

const keys = ephemeralKeyring();
const key = currentKey(keys);
const clock = () => new Date('2026-11-22T08:00:00.000Z');

/** A realistic entry: an agency update with before/after snapshots (~600 bytes of JSON). */
function entry(seq: number, prev: string): Omit<AuditLogRow, 'hash' | 'key_id'> {
  const snapshot = (phone: string) =>
    JSON.stringify({
      name: '无锡市滨湖区荣巷街道办事处',
      address: '无锡市滨湖区荣巷街道梁溪路 88 号',
      phone,
      officeHours: '周一至周五 8:30—12:00，13:30—17:30（法定节假日除外）',
      email: 'gk000001@example.gov.cn',
      version: seq,
    });
  return {
    seq,
    at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
    actor_id: 'u-0000000000000000',
    actor_label: '周晓燕（rongxiang.chengban）',
    action: 'agency.update',
    entity: 'agency',
    entity_id: 'a-0000000000000001',
    before_json: snapshot('0510-85100000'),
    after_json: snapshot(`0510-851${String(seq % 100000).padStart(5, '0')}`),
    ip: '10.20.30.40',
    prev_hash: prev,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function signingCost(n: number): BenchRow[] {
  const entries = Array.from({ length: n }, (_, i) => entry(i + 1, genesisHash));
  const time = (f: (e: (typeof entries)[number]) => string) => {
    const rounds: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      for (const e of entries) f(e);
      rounds.push(((performance.now() - t0) * 1000) / n);
    }
    return median(rounds);
  };
  const sha = time(legacyEntryHash);
  const hmac = time((e) => keyedEntryHash(e, key));
  return [
    { name: '参考：旧式 SHA-256 每条（规范化 JSON + 哈希）', value: sha, unit: 'µs' },
    {
      name: '签名一条审计记录：HMAC-SHA256（规范化 JSON + HMAC）',
      value: hmac,
      unit: 'µs',
      target: '≤ 2× 旧式 SHA-256',
      reference: `${(hmac / sha).toFixed(2)}× SHA-256`,
      ok: hmac <= 2 * sha,
    },
  ];
}

async function appendCost(dir: string): Promise<BenchRow> {
  const open = openDatabase(`sqlite:${join(dir, 'append.db')}`);
  try {
    await migrateToLatest(open.db, 'sqlite');
    const ctx = { db: open.db, clock, actor: null, ip: '127.0.0.1', security: defaultSecurity, auditKeys: keys };
    await sealAuditChain(ctx);
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      const t0 = performance.now();
      await open.db
        .transaction()
        .execute((trx) =>
          recordAudit(trx, ctx, { action: 'bench.append', entity: 'bench', entityId: String(i), after: { i } }),
        );
      times.push(performance.now() - t0);
    }
    const v = await verifyAuditChain(ctx);
    if (!v.ok) throw new Error(`append bench chain broken: ${v.problem}`);
    return {
      name: '追加一条审计记录（recordAudit，单独事务，SQLite 文件，synchronous=FULL，中位数）',
      value: median(times),
      unit: 'ms',
      reference: '含每次提交的 fsync；签名本身见上行',
    };
  } finally {
    await open.close();
  }
}

/** Fills an empty, migrated database with a keyed chain of n entries (direct inserts, as n appends would). */
async function fillChain(open: OpenDatabase, n: number): Promise<void> {
  let prev = genesisHash;
  let batch: AuditLogRow[] = [];
  await open.db.transaction().execute(async (trx) => {
    for (let seq = 1; seq <= n; seq++) {
      const e = entry(seq, prev);
      const hash = keyedEntryHash(e, key);
      batch.push({ ...e, key_id: key.id, hash });
      prev = hash;
      if (batch.length === 500 || seq === n) {
        await trx.insertInto('audit_log').values(batch).execute();
        batch = [];
      }
    }
  });
}

async function verifyCost(open: OpenDatabase, label: string, n: number): Promise<BenchRow[]> {
  const { db } = open;
  const head = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  await setHead(open, Number(head.seq), head.hash);
  const rounds: number[] = [];
  const reads: number[] = [];
  for (let r = 0; r < 3; r++) {
    let t0 = performance.now();
    let after = 0;
    for (;;) {
      const rows = await auditBatch(db, after, 2000);
      const last = rows.at(-1);
      if (!last || rows.length < 2000) break;
      after = last.seq;
    }
    reads.push(performance.now() - t0);
    t0 = performance.now();
    const v = await verifyAuditChain({ db, auditKeys: keys });
    rounds.push(performance.now() - t0);
    if (!v.ok || v.entries !== n) throw new Error(`verify bench: ${JSON.stringify(v)}`);
  }
  const verify = median(rounds) / 1000;
  const read = median(reads) / 1000;
  return [
    { name: `参考：按批读取 ${n} 条审计记录（${label}）`, value: read, unit: 's' },
    {
      name: `校验 ${n} 条审计哈希链（${label}，HMAC）`,
      value: verify,
      unit: 's',
      target: '≤ 4× 仅读取',
      reference: `${(verify / read).toFixed(1)}× 仅读取；${Math.round(n / verify)} 条/秒`,
      ok: verify <= 4 * read,
    },
  ];
}

/** Puts the head on the last entry with its MAC; the triggers allow one step at a time, so a bulk fill steps past them. */
async function setHead(open: OpenDatabase, seq: number, hash: string): Promise<void> {
  const mac = auditHeadMac({ seq, hash }, key);
  await open.db.transaction().execute(async (trx) => {
    if (open.dialect === 'sqlite') await sql`DROP TRIGGER audit_head_forward_only`.execute(trx);
    else await sql`ALTER TABLE audit_head DISABLE TRIGGER USER`.execute(trx);
    await trx.updateTable('audit_head').set({ seq, hash, key_id: key.id, mac }).where('id', '=', 1).execute();
  });
}

export async function runAuditBench(): Promise<BenchRow[]> {
  const n = Number(process.env.BENCH_AUDIT_ENTRIES ?? 100_000);
  const rows: BenchRow[] = [...signingCost(20_000)];
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-bench-'));
  try {
    rows.push(await appendCost(dir));
    const open = openDatabase(`sqlite:${join(dir, 'chain.db')}`);
    try {
      await migrateToLatest(open.db, 'sqlite');
      await fillChain(open, n);
      rows.push(...(await verifyCost(open, 'SQLite', n)));
    } finally {
      await open.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (pgAdminUrl()) {
    const t = await createTestDatabase('postgres');
    try {
      await migrateToLatest(t.open.db, 'postgres');
      await fillChain(t.open, n);
      rows.push(...(await verifyCost(t.open, 'PostgreSQL', n)));
    } finally {
      await t.dispose();
    }
  }
  return rows;
}
