import { html } from 'hono/html';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../../core/cases/case-state.ts';
import type { CaseWithAgency } from '../../../db/repositories/cases/case-repository.ts';
import type { AgencyRow, BackgroundTaskRow, ReportImportFileRow } from '../../../db/schema.ts';
import type { StaffItem } from '../../../use-cases/publication/list-staff-items.ts';
import type { SupervisionDashboard } from '../../../use-cases/reports/supervision-dashboard.ts';
import { csrfField, errorSummary, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { recordTable } from '../record-table.ts';
import { stateLabel } from '../reports/report-pages.ts';
import { barChart } from './charts.ts';

const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

/** Agencies side by side in one chart: beyond this many the bars say nothing at 640 px. */
const MOST_AGENCIES_CHARTED = 30;

/**
 * New applications per agency. A district of 200 agencies gets the 30 with the most — drawing 200 bars and their
 * labels with ECharts was the largest part of the dashboard's server time (docs/reports.md) — and the table above
 * lists them all.
 */
function agenciesChart(d: SupervisionDashboard): Html {
  const all = d.agencies.map((a) => ({
    label: a.agency.name.replace(/^无锡市滨湖区/, ''),
    value: a.figures?.received ?? 0,
  }));
  if (all.length <= MOST_AGENCIES_CHARTED) return barChart('c-agencies', `${d.year}年度各机关新收申请`, all);
  const most = [...all].sort((a, b) => b.value - a.value).slice(0, MOST_AGENCIES_CHARTED);
  return barChart(
    'c-agencies',
    `${d.year}年度新收申请最多的${MOST_AGENCIES_CHARTED}个机关（共${all.length}个机关，各机关数字见上表）`,
    most,
  );
}

export function dashboardPage(d: SupervisionDashboard, years: number[]): Html {
  const c = d.counts;
  return html`<h1>${d.home.name}年度报告监督（${d.year}年度）</h1>
    <form method="get" action="/staff/supervision">
      <label for="f-year">年度</label>
      <select id="f-year" name="year">
        ${years.map((y) => html`<option value="${y}" ${y === d.year ? 'selected' : ''}>${y}</option>`)}
      </select>
      <button type="submit">查看</button>
    </form>
    <p>
      共${d.agencies.length}个机关：未起草${c['none']}，起草中${c['draft']}，待审核${c['submitted']}，已退回${c['returned']}，审核通过${c['cleared']}，已发布${c['published']}（其中导入${c['imported']}）；<strong>逾期${c['late']}</strong>。
      记录中：逾期未答复的申请${c['overdueApplications']}件（截至今日），${d.year}年逾期公开的信息${c['latePublications']}条。
    </p>
    <p>
      <a href="/staff/supervision/consolidated?year=${d.year}">汇总报告（本级及下级机关）</a> ·
      <a href="/staff/supervision/imports">导入已发布的年度报告</a>
    </p>
    <div class="table-scroll">
      <table>
        <caption>
          各机关年度报告情况
        </caption>
        <thead>
          <tr>
            <th scope="col">机关</th>
            <th scope="col">状态</th>
            <th scope="col">错误</th>
            <th scope="col">提示</th>
            <th scope="col">期限</th>
            <th scope="col">逾期</th>
            <th scope="col">逾期未答复申请</th>
            <th scope="col">逾期公开信息</th>
            <th scope="col">新收申请</th>
            <th scope="col">予以公开</th>
            <th scope="col">不予公开</th>
            <th scope="col">行政复议</th>
            <th scope="col">行政诉讼</th>
          </tr>
        </thead>
        <tbody>
          ${d.agencies.map(
            (a) =>
              html`<tr>
                <th scope="row">
                  ${a.report ? html`<a href="/staff/reports/${a.report.id}">${a.agency.name}</a>` : a.agency.name}
                </th>
                <td>
                  ${a.report ? stateLabel(a.report.state) : '未起草'}${a.report?.origin === 'imported' ? '（导入）' : ''}
                </td>
                <td>${n(a.report?.error_count)}</td>
                <td>${n(a.report?.warning_count)}</td>
                <td>${a.deadline}</td>
                <td>${a.late ? html`<strong>逾期</strong>` : '否'}</td>
                <td>
                  <a
                    href="/staff/supervision/overdue-applications?agency=${a.agency.id}"
                    aria-label="${a.agency.name}逾期未答复申请${a.alerts.overdueApplications}件"
                    >${a.alerts.overdueApplications}</a
                  >
                </td>
                <td>
                  <a
                    href="/staff/supervision/late-publications?agency=${a.agency.id}&amp;year=${d.year}"
                    aria-label="${a.agency.name}${d.year}年逾期公开信息${a.alerts.latePublications}条"
                    >${a.alerts.latePublications}</a
                  >
                </td>
                <td>${n(a.figures?.received)}</td>
                <td>${n(a.figures?.granted)}</td>
                <td>${n(a.figures?.denied)}</td>
                <td>${n(a.figures?.review)}</td>
                <td>${n(a.figures?.suits)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h2>图表</h2>
    ${barChart('c-outcomes', `${d.year}年度办理结果（各机关合计）`, d.outcomes)}
    ${barChart('c-applicants', `${d.year}年度新收申请的申请人类型`, d.applicants)} ${agenciesChart(d)}
    ${barChart(
      'c-trend',
      '历年新收申请（各机关合计）',
      d.trend.map((t) => ({ label: String(t.year), value: t.value })),
      'line',
    )}`;
}

/** The open applications of an agency past their due date: the list behind the dashboard's number. */
export function overdueApplicationsPage(x: {
  agency: AgencyRow;
  today: string;
  rows: CaseWithAgency[];
  total: number;
}): Html {
  return html`<h1>${x.agency.name}逾期未答复的政府信息公开申请</h1>
    <p><a href="/staff/supervision">返回年报监督</a></p>
    <p>
      截至${x.today}，已超过答复期限（条例第三十三条）仍未办结的申请共<strong>${x.total}</strong>件${
        x.total > x.rows.length ? `，以下列出答复期限最早的${x.rows.length}件` : ''
      }。
    </p>
    ${recordTable(x.rows, {
      empty: '没有逾期未答复的申请。',
      caption: '按答复期限排列',
      headings: ['受理编号', '收到日期', '答复期限', '状态'],
      row: (r) =>
        html`<tr>
          <th scope="row"><a href="/staff/cases/${r.id}">${r.tracking_code}</a></th>
          <td>${r.received_on}</td>
          <td>${r.due_on ?? ''}</td>
          <td>${CASE_STATUS_LABELS[r.status as CaseStatus] ?? r.status}</td>
        </tr>`,
    })}`;
}

/** The items an agency published in the year after the 20-working-day limit: the list behind the number. */
export function latePublicationsPage(x: { agency: AgencyRow; year: number; items: StaffItem[] }): Html {
  return html`<h1>${x.agency.name}${x.year}年逾期公开的信息</h1>
    <p><a href="/staff/supervision?year=${x.year}">返回年报监督</a></p>
    <p>
      ${x.year}年发布、但晚于自形成或变更之日起20个工作日（条例第二十六条）公开的信息共<strong>${x.items.length}</strong>条。
    </p>
    ${recordTable(x.items, {
      empty: '没有逾期公开的信息。',
      caption: '按发布日期排列',
      headings: ['标题', '起算日', '应于此日前公开', '发布日期', '逾期工作日'],
      row: (i) =>
        html`<tr>
          <th scope="row"><a href="/items/${i.id}">${i.title}</a></th>
          <td>${i.timeliness.startsOn}</td>
          <td>${i.timeliness.dueBy ?? ''}</td>
          <td>${i.published_on ?? ''}</td>
          <td>${i.timeliness.workingDaysLate ?? ''}</td>
        </tr>`,
    })}`;
}

export function importPage(tasks: BackgroundTaskRow[], csrf: string, state: FormState): Html {
  return html`<h1>导入已发布的年度报告</h1>
    <p>
      上传一份或多份已发布的年度报告（网页、Word、PDF、Excel、文本、gongkai.report/1 JSON，或把它们打包为
      ZIP）。系统在后台逐份读取、核对、与上一年度比对（X1/X2 和变化表），每份内容只存一次，并标注为“导入”。
    </p>
    ${errorSummary(state)}
    <form class="stacked" method="post" enctype="multipart/form-data" action="/staff/supervision/imports">
      ${csrfField(csrf)}
      <label for="f-year">年度（可不填，按报告中的年度）</label>
      <input id="f-year" name="year" type="number" min="2021" max="2100" />
      <label for="f-agencyId">机关编号（可不填，按报告中的机关名称匹配本级及下级机构）</label>
      <input id="f-agencyId" name="agencyId" maxlength="64" />
      <label for="f-files">报告文件</label>
      <input id="f-files" type="file" name="files" multiple required />
      <button type="submit">上传并导入</button>
    </form>
    <h2>导入任务</h2>
    ${
      tasks.length === 0
        ? html`<p>暂无导入任务。</p>`
        : html`<ul>
            ${tasks.map(
              (t) =>
                html`<li>
                  <a href="/staff/supervision/imports/${t.id}">${t.title}</a>：${taskStatus(t)}
                  <span class="muted">${t.created_at.slice(0, 16).replace('T', ' ')}</span>
                </li>`,
            )}
          </ul>`
    }`;
}

function taskStatus(t: BackgroundTaskRow): string {
  const label = { queued: '排队中', running: '处理中', done: '已完成', failed: '失败' }[t.status] ?? t.status;
  return `${label}（已处理${t.done + t.failed}/${t.total}，失败${t.failed}）${t.message ? `，${t.message}` : ''}`;
}

export function importTaskPage(task: BackgroundTaskRow, files: ReportImportFileRow[]): Html {
  const statusLabel: Record<string, string> = {
    pending: '待处理',
    stored: '已存入',
    duplicate: '重复',
    failed: '失败',
    expanded: '已解压',
  };
  return html`<h1>${task.title}</h1>
    <p role="status">${taskStatus(task)}</p>
    ${task.status === 'done' || task.status === 'failed' ? '' : html`<p><a href="/staff/supervision/imports/${task.id}">刷新查看进度</a></p>`}
    <progress max="${Math.max(task.total, 1)}" value="${task.done + task.failed}" aria-label="导入进度">
      ${task.done + task.failed}/${task.total}
    </progress>
    <div class="table-scroll">
      <table>
        <caption>
          各文件处理结果
        </caption>
        <thead>
          <tr>
            <th scope="col">文件</th>
            <th scope="col">结果</th>
            <th scope="col">错误</th>
            <th scope="col">提示</th>
            <th scope="col">说明</th>
            <th scope="col">审核意见</th>
          </tr>
        </thead>
        <tbody>
          ${files.map(
            (f) =>
              html`<tr>
                <th scope="row">
                  ${f.report_id ? html`<a href="/staff/reports/${f.report_id}">${f.name}</a>` : f.name}
                </th>
                <td>${statusLabel[f.status] ?? f.status}</td>
                <td>${f.error_count}</td>
                <td>${f.warning_count}</td>
                <td>${f.message}</td>
                <td>
                  ${
                    f.report_id
                      ? html`<a href="/staff/reports/${f.report_id}/memo/docx">Word</a> /
                          <a href="/staff/reports/${f.report_id}/memo/pdf">PDF</a>`
                      : ''
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export function consolidatedPage(
  year: number,
  result: { ok: true; parts: string[]; blanks: { label: string; parts: string[] }[] } | { ok: false; errors: string[] },
): Html {
  if (!result.ok)
    return html`<h1>${year}年度汇总报告</h1>
      <div class="notice error" role="alert">
        <ul>
          ${result.errors.map((e) => html`<li>${e}</li>`)}
        </ul>
      </div>`;
  const dl = (f: string, label: string) =>
    html`<a href="/staff/supervision/consolidated/download/${f}?year=${year}">${label}</a>`;
  return html`<h1>${year}年度汇总报告</h1>
    <p>汇总了${result.parts.length}个机关的年度报告：${result.parts.join('、')}。各表逐格相加，勾稽关系保持成立。</p>
    <p>
      下载：${dl('html', '网页')} · ${dl('docx', 'Word')} · ${dl('pdf', 'PDF')} · ${dl('xlsx', 'Excel')} ·
      ${dl('json', 'JSON')}
    </p>
    ${
      result.blanks.length > 0
        ? html`<h2>空白单元格</h2>
            <ul>
              ${result.blanks.map((b) => html`<li>${b.label}：${b.parts.join('、')}未填写，汇总后为空白</li>`)}
            </ul>`
        : ''
    }`;
}
