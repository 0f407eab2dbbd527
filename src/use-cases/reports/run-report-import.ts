/**
 * The `reports.import` job (issue 9 items 6–7). Crash-safe and idempotent: every file is settled (stored,
 * duplicate, failed) in the same transaction that stores its report and counts its progress, so a job that is
 * stopped and run again continues with the files still pending and stores each report exactly once. The same
 * content (SHA-256 of the file's bytes) is stored once, whichever upload brought it.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { crossYearFindings } from '../../core/check/compare-reports.ts';
import { sortFindings } from '../../core/check/check-document.ts';
import { AppError } from '../../core/platform/app-error.ts';
import type { Report } from '../../core/report/report-schema.ts';
import {
  addBackgroundTaskProgress,
  finishBackgroundTask,
  findBackgroundTask,
} from '../../db/repositories/jobs/background-task-repository.ts';
import { readBlobBytes } from '../../db/repositories/files/blob-store.ts';
import { DatabaseBlobStore } from '../../db/repositories/files/database-blob-store.ts';
import { findAgency, listAgencies } from '../../db/repositories/platform/agency-repository.ts';
import {
  countImportFiles,
  growImportTotal,
  setImportFileReport,
  insertPendingImportFiles,
  listImportFiles,
  nextImportSeq,
  settleImportFile,
} from '../../db/repositories/reports/report-import-repository.ts';
import {
  findReportByContentHash,
  findReportOf,
  insertReport,
  updateReportVersioned,
} from '../../db/repositories/reports/report-repository.ts';
import type { AgencyRow, Db, Executor, ReportImportFileRow } from '../../db/schema.ts';
import { readZipDirectory } from '../../readers/zip-directory.ts';
import { MAX_INPUT_BYTES } from '../../readers/read-document.ts';
import { reportCheckPool, type ReportCheckJob } from './report-check-pool.ts';
import type { ProcessPool } from '../../jobs/process-pool.ts';
import type { CheckedReport } from '../../core/check/check-document.ts';
import type { Finding } from '../../core/check/finding.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { defaultSecurity, type UseCaseContext } from '../platform/context.ts';
import type { AuditKeyring } from '../platform/audit-keyring.ts';
import { newId } from '../platform/session-token.ts';
import { deadlineDate, deadlineOf } from './report-checks.ts';

export interface ImportDeps {
  db: Db;
  clock: () => Date;
  auditKeys: AuditKeyring;
}

const MAX_ZIP_ENTRIES = 5000;

/** Runs (or resumes) an import task to its end. */
export async function runReportImport(deps: ImportDeps, taskId: string): Promise<void> {
  const task = await findBackgroundTask(deps.db, taskId);
  if (!task || task.status === 'done' || task.status === 'failed') return;
  const input = JSON.parse(task.input_json) as { agencyId: string | null; year: number | null };
  const home = task.agency_id ? await findAgency(deps.db, task.agency_id) : undefined;
  if (!home) throw new Error(`import ${taskId}: supervising agency missing`);
  const subtree = await listAgencies(deps.db, { kind: 'subtree', path: home.path });
  const byName = new Map(subtree.map((a) => [normalizeName(a.name), a]));
  const fixed = input.agencyId ? subtree.find((a) => a.id === input.agencyId) : undefined;
  const ctx: UseCaseContext = {
    db: deps.db,
    clock: deps.clock,
    actor: null,
    ip: '',
    security: defaultSecurity,
    auditKeys: deps.auditKeys,
  };
  const store = new DatabaseBlobStore(deps.db, deps.clock);
  const source = new ImportFileSource(store);
  const pool = reportCheckPool();
  const target: Target = { fixed, year: input.year, byName };
  // A pipeline: the next files are read and checked in the pool's processes (every core) while this one's results
  // are stored. Storing stays one file at a time, in order, so duplicates and a previous year's report in the
  // same upload are seen exactly as in a sequential run.
  const lookahead = pool.size * 2;
  for (;;) {
    const pending = await listImportFiles(deps.db, taskId, { status: 'pending', limit: 50 });
    if (pending.length === 0) break;
    const prepared: Promise<Prepared>[] = [];
    const start = (i: number) => {
      const p = prepareFile(deps.db, source, pool, pending[i]!, target);
      p.catch(() => {}); // awaited in order below; a file abandoned by a failing batch must not crash the process
      prepared[i] = p;
    };
    for (let i = 0; i < Math.min(lookahead, pending.length); i++) start(i);
    for (let i = 0; i < pending.length; i++) {
      const outcome = await prepared[i]!;
      if (i + lookahead < pending.length) start(i + lookahead);
      await settleFile(ctx, pending[i]!, outcome, target);
    }
  }
  const counts = await countImportFiles(deps.db, taskId);
  const stored = counts['stored'] ?? 0;
  const duplicate = counts['duplicate'] ?? 0;
  const failed = counts['failed'] ?? 0;
  await finishBackgroundTask(
    deps.db,
    taskId,
    {
      status: 'done',
      message: `导入完成：新存入${stored}份，重复${duplicate}份，失败${failed}个文件`,
      result: counts,
    },
    deps.clock(),
  );
}

/** 机关名称 compared without spaces and full-width variants. */
export function normalizeName(name: string): string {
  return name.replace(/[\s\u3000]/g, '').normalize('NFKC');
}

interface Target {
  fixed: AgencyRow | undefined;
  year: number | null;
  byName: Map<string, AgencyRow>;
}

/** What reading a file gave, before anything is stored. */
type Prepared =
  | { kind: 'failed'; message: string }
  | { kind: 'zip'; names: string[] | null }
  | { kind: 'duplicate'; reportId: string }
  | { kind: 'checked'; hash: string; report: Report; findings: Finding[] };

/** Reads one file and checks it in the pool; stores nothing. */
async function prepareFile(
  db: Db,
  source: ImportFileSource,
  pool: ProcessPool<ReportCheckJob, CheckedReport>,
  file: ReportImportFileRow,
  target: Target,
): Promise<Prepared> {
  let bytes: Uint8Array;
  try {
    bytes = await source.bytesOf(file);
  } catch (e) {
    return { kind: 'failed', message: messageOf(e) };
  }
  // A ZIP of reports: its entries become files of this import (once: the expansion settles the ZIP's own row).
  if (file.zip_entry === null && isPlainZip(bytes)) return { kind: 'zip', names: zipReportNames(bytes) };
  const hash = createHash('sha256').update(bytes).digest('hex');
  // Known content is not read again (checked once more when storing: the same bytes may come twice in one upload).
  const existing = await findReportByContentHash(db, hash);
  if (existing) return { kind: 'duplicate', reportId: existing.id };
  try {
    const { report, findings } = await pool.run({
      bytes,
      deadline: target.fixed ? deadlineOf(target.fixed) : undefined,
    });
    return { kind: 'checked', hash, report, findings };
  } catch (e) {
    return { kind: 'failed', message: messageOf(e) };
  }
}

/** Stores what one file gave and settles its row, in one transaction (or none, when another run settled it). */
async function settleFile(ctx: UseCaseContext, file: ReportImportFileRow, prepared: Prepared, target: Target) {
  const settle = async (
    status: 'stored' | 'duplicate' | 'failed' | 'expanded',
    message: string,
    extra: { reportId?: string; errors?: number; warnings?: number } = {},
    work?: (trx: Executor) => Promise<void>,
  ) => {
    await ctx.db
      .transaction()
      .execute(async (trx) => {
        const ok = await settleImportFile(trx, file.task_id, file.seq, {
          status,
          message,
          report_id: extra.reportId ?? null,
          error_count: extra.errors ?? 0,
          warning_count: extra.warnings ?? 0,
          updated_at: ctx.clock().toISOString(),
        });
        if (!ok) throw new AlreadySettled();
        if (work) await work(trx);
        if (status !== 'expanded')
          await addBackgroundTaskProgress(
            trx,
            file.task_id,
            status === 'failed' ? { failed: 1 } : { done: 1 },
            ctx.clock(),
          );
      })
      .catch((e: unknown) => {
        if (!(e instanceof AlreadySettled)) throw e;
      });
  };

  switch (prepared.kind) {
    case 'failed':
      return settle('failed', prepared.message);
    case 'duplicate':
      return settle('duplicate', DUPLICATE_MESSAGE, { reportId: prepared.reportId });
    case 'zip': {
      const names = prepared.names;
      if (names === null) return settle('failed', 'ZIP 压缩包已损坏，无法读取');
      return settle('expanded', `压缩包内有${names.length}个文件`, {}, async (trx) => {
        await insertPendingImportFiles(
          trx,
          file.task_id,
          await nextImportSeq(trx, file.task_id),
          names.map((name) => ({ name: `${file.name}/${name}`, blob_sha256: file.blob_sha256, zip_entry: name })),
          ctx.clock().toISOString(),
        );
        await growImportTotal(trx, file.task_id, names.length - 1);
      });
    }
    case 'checked':
      return storeChecked(ctx, file, prepared, target, settle);
  }
}

type Settle = (
  status: 'stored' | 'duplicate' | 'failed',
  message: string,
  extra?: { reportId?: string; errors?: number; warnings?: number },
  work?: (trx: Executor) => Promise<void>,
) => Promise<void>;

async function storeChecked(
  ctx: UseCaseContext,
  file: ReportImportFileRow,
  checked: Extract<Prepared, { kind: 'checked' }>,
  target: Target,
  settle: Settle,
) {
  const { report, hash } = checked;
  let findings = checked.findings;
  const agency = target.fixed ?? (report.agency ? target.byName.get(normalizeName(report.agency)) : undefined);
  if (!agency)
    return settle(
      'failed',
      report.agency
        ? `报告中的机关“${report.agency}”不在本级及下级机构中，请在导入时指定机关`
        : '未能从报告中读出机关名称，请在导入时指定机关',
    );
  const year = target.year ?? report.year;
  if (year === null || year < 2008) return settle('failed', '未能从报告中读出年度，请在导入时指定年度');
  if (report.year !== null && report.year !== year)
    return settle('failed', `报告年度为${report.year}年，与指定的${year}年不符`);

  const previous = await findReportOf(ctx.db, agency.id, year - 1);
  if (previous)
    findings = sortFindings([...findings, ...crossYearFindings(JSON.parse(previous.report_json) as Report, report)]);
  const errors = findings.filter((f) => f.level === 'error').length;
  const warnings = findings.filter((f) => f.level === 'warning').length;
  const deadline = deadlineDate(agency, year);
  const publishedOn = (report.publishedAt ?? report.dated ?? '').slice(0, 10);
  const reportId = newId();
  let storedId = reportId;
  let replaced = false;
  let refused: string | null = null;
  let duplicateOf: string | null = null;
  await settle('stored', '', { reportId, errors, warnings }, async (trx) => {
    const same = await findReportByContentHash(trx, hash);
    if (same) {
      duplicateOf = same.id;
      throw new Refused();
    }
    const current = await findReportOf(trx, agency.id, year);
    const at = ctx.clock().toISOString();
    const columns = {
      state: 'published',
      report_json: JSON.stringify(report),
      findings_json: JSON.stringify(findings),
      error_count: errors,
      warning_count: warnings,
      late: publishedOn !== '' && publishedOn > deadline ? 1 : 0,
      content_hash: hash,
      source_name: file.name,
      source_sha256: file.blob_sha256,
      published_at: report.publishedAt ? new Date(report.publishedAt).toISOString() : at,
      updated_at: at,
    };
    if (current && current.origin !== 'imported') {
      refused = `${agency.name}${year}年度已有在本系统起草的报告，未导入`;
      throw new Refused();
    }
    if (current) {
      const row = await updateReportVersioned(trx, current.id, current.version, columns);
      if (!row) throw new AppError('CONFLICT');
      storedId = current.id;
      replaced = true;
      await setImportFileReport(trx, file.task_id, file.seq, current.id);
    } else {
      await insertReport(trx, {
        id: reportId,
        agency_id: agency.id,
        year,
        origin: 'imported',
        deadline,
        submitted_at: null,
        cleared_at: null,
        version: 1,
        created_at: at,
        ...columns,
      });
    }
    await recordAudit(trx, ctx, {
      action: replaced ? 'report.import.replace' : 'report.import',
      entity: 'annual_report',
      entityId: storedId,
      actorLabel: '系统（年报导入）',
      after: { agencyId: agency.id, year, file: file.name, sha256: hash, errors, warnings },
    });
  }).catch(async (e: unknown) => {
    if (!(e instanceof Refused)) throw e;
    if (duplicateOf !== null) await settle('duplicate', DUPLICATE_MESSAGE, { reportId: duplicateOf });
    else await settle('failed', refused ?? '未导入');
  });
}

const DUPLICATE_MESSAGE = '该文件此前已导入，未重复存入';

class AlreadySettled extends Error {}
class Refused extends Error {}

function messageOf(e: unknown): string {
  if (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)) return e.message.slice(0, 500);
  return '无法读取该文件';
}

function isPlainZip(bytes: Uint8Array): boolean {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) return false;
  const entries = readZipDirectory(bytes);
  if (!entries) return false;
  return !entries.some((e) => /^word\/document\d*\.xml$/.test(e.name) || e.name === 'xl/workbook.xml');
}

/** The files inside a ZIP of reports (no folders, no macOS metadata), or null when it cannot be read. */
function zipReportNames(bytes: Uint8Array): string[] | null {
  const entries = readZipDirectory(bytes);
  if (!entries) return null;
  return entries
    .filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/') && !/(^|\/)\./.test(e.name))
    .filter((e) => e.uncompressedSize <= MAX_INPUT_BYTES)
    .slice(0, MAX_ZIP_ENTRIES)
    .map((e) => e.name);
}

/**
 * The bytes of an import file: a stored blob, or an entry of a stored ZIP. The ZIP last opened is kept, so the
 * entries of one archive (read one after another, several at a time) do not each load the whole archive again.
 */
class ImportFileSource {
  private zip: { sha256: string; archive: Promise<JSZip> } | null = null;
  constructor(private readonly store: DatabaseBlobStore) {}

  async bytesOf(file: ReportImportFileRow): Promise<Uint8Array> {
    if (file.zip_entry === null) return readBlobBytes(this.store, file.blob_sha256, 500 * 1024 * 1024);
    if (this.zip?.sha256 !== file.blob_sha256) {
      const archive = readBlobBytes(this.store, file.blob_sha256, 500 * 1024 * 1024).then((b) => JSZip.loadAsync(b));
      archive.catch(() => {});
      this.zip = { sha256: file.blob_sha256, archive };
    }
    const entry = (await this.zip.archive).file(file.zip_entry);
    if (!entry) throw new AppError('NOT_FOUND', '压缩包中没有该文件');
    return entry.async('uint8array');
  }
}
