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
  insertImportFiles,
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
import { checkInput } from './load-report.ts';
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

  for (;;) {
    const pending = await listImportFiles(deps.db, taskId, { status: 'pending', limit: 50 });
    if (pending.length === 0) break;
    for (const file of pending) await processFile(ctx, store, file, { fixed, year: input.year, byName });
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

async function processFile(ctx: UseCaseContext, store: DatabaseBlobStore, file: ReportImportFileRow, target: Target) {
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

  let bytes: Uint8Array;
  try {
    bytes = await fileBytes(store, file);
  } catch (e) {
    return settle('failed', messageOf(e));
  }
  // A ZIP of reports: its entries become files of this import (once: the expansion settles the ZIP's own row).
  if (file.zip_entry === null && isPlainZip(bytes)) {
    const names = zipReportNames(bytes);
    if (names === null) return settle('failed', 'ZIP 压缩包已损坏，无法读取');
    return settle('expanded', `压缩包内有${names.length}个文件`, {}, async (trx) => {
      const first = await nextImportSeq(trx, file.task_id);
      const at = ctx.clock().toISOString();
      await insertImportFiles(
        trx,
        names.map((name, i) => ({
          task_id: file.task_id,
          seq: first + i,
          name: `${file.name}/${name}`.slice(0, 255),
          blob_sha256: file.blob_sha256,
          zip_entry: name,
          status: 'pending',
          message: '',
          report_id: null,
          error_count: 0,
          warning_count: 0,
          updated_at: at,
        })),
      );
      await growImportTotal(trx, file.task_id, names.length - 1);
    });
  }

  const hash = createHash('sha256').update(bytes).digest('hex');
  const existing = await findReportByContentHash(ctx.db, hash);
  if (existing) return settle('duplicate', '该文件此前已导入，未重复存入', { reportId: existing.id });

  let report: Report;
  let findings;
  try {
    const checked = await checkInput(bytes, target.fixed ? { deadline: deadlineOf(target.fixed) } : {});
    report = checked.report;
    findings = checked.findings;
  } catch (e) {
    return settle('failed', messageOf(e));
  }
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
  await settle('stored', '', { reportId, errors, warnings }, async (trx) => {
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
    await settle('failed', refused ?? '未导入');
  });
}

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

async function fileBytes(store: DatabaseBlobStore, file: ReportImportFileRow): Promise<Uint8Array> {
  const bytes = await readBlobBytes(store, file.blob_sha256, 500 * 1024 * 1024);
  if (file.zip_entry === null) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const entry = zip.file(file.zip_entry);
  if (!entry) throw new AppError('NOT_FOUND', '压缩包中没有该文件');
  return entry.async('uint8array');
}
