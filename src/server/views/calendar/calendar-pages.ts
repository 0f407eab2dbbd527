import { html } from 'hono/html';
import { chineseDate } from '../../../core/calendar/iso-date.ts';
import type { CalendarOverview, NoticeFormData } from '../../../use-cases/calendar/calendar-overview.ts';
import type { NoticePreview } from '../../../use-cases/calendar/preview-holiday-notice.ts';
import { csrfField, errorSummary, textArea, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { beijingTime } from '../platform/staff-pages.ts';

export function calendarOverviewPage(
  o: CalendarOverview,
  csrf: string,
  flash: string | undefined,
  closureForm: FormState,
): Html {
  return html`<h1>工作日历</h1>
    ${flash ? html`<div class="notice ok" role="status">${flash}</div>` : ''}
    <p>
      依申请公开的答复期限按工作日计算（条例第三十三条）。工作日历现覆盖
      <strong>${chineseDate(o.coverage.firstDate)}</strong>至<strong>${chineseDate(o.coverage.lastDate)}</strong>；
      超出范围的期限不推算，系统提示缺少哪一年的节假日安排。录入的通知优先于系统内置数据，停止办公优先于一切。
    </p>
    ${
      o.wholeSite
        ? html`<h2>录入节假日安排</h2>
            <form class="stacked" method="get" action="/staff/calendar/notices">
              <label for="f-year">年份</label>
              <input
                id="f-year"
                name="year"
                type="number"
                min="2004"
                max="2100"
                required
                value="${String(Number(o.coverage.lastDate.slice(0, 4)) + 1)}"
              />
              <button type="submit">打开录入表</button>
            </form>`
        : html`<p class="muted">国务院办公厅的节假日安排由本级系统管理员录入。</p>`
    }
    <h2>各年数据来源</h2>
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">年份</th>
            <th scope="col">来源</th>
            <th scope="col">说明</th>
            ${o.wholeSite ? html`<th scope="col">操作</th>` : ''}
          </tr>
        </thead>
        <tbody>
          ${o.years.map(
            (y) =>
              html`<tr>
                <td>${y.year}</td>
                <td>${y.kind === 'entered' ? '管理员录入' : '系统内置'}</td>
                <td>${y.source}</td>
                ${o.wholeSite ? html`<td><a href="/staff/calendar/notices?year=${y.year}">修改</a></td>` : ''}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h2>录入历史</h2>
    ${o.history.length === 0 ? html`<p class="muted">尚无录入记录。</p>` : historyTable(o.history)}
    <h2>停止办公</h2>
    ${closuresTable(o, csrf)}
    <h3>登记停止办公</h3>
    ${errorSummary(closureForm)}
    <form class="stacked" method="post" action="/staff/calendar/closures">
      ${csrfField(csrf)}
      <label for="f-agencyId">适用范围</label>
      <select id="f-agencyId" name="agencyId">
        ${o.wholeSite ? html`<option value="">全部机构</option>` : ''}
        ${o.agencies.map((a) => html`<option value="${a.id}" ${closureForm.values['agencyId'] === a.id ? 'selected' : ''}>${a.name}及下级机构</option>`)}
      </select>
      ${textField(closureForm, 'from', '起始日期', { required: true, hint: '格式 YYYY-MM-DD' })}
      ${textField(closureForm, 'to', '截止日期', { required: true, hint: '格式 YYYY-MM-DD，含当日' })}
      ${textField(closureForm, 'reason', '原因', { required: true, hint: '如：台风“某某”停止办公（某政办发〔2026〕1号）' })}
      <button type="submit">登记</button>
    </form>`;
}

function historyTable(rows: CalendarOverview['history']): Html {
  return html`<div class="table-scroll">
    <table>
      <thead>
        <tr>
          <th scope="col">年份</th>
          <th scope="col">版本</th>
          <th scope="col">内容</th>
          <th scope="col">录入人</th>
          <th scope="col">时间</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td>${r.year}</td>
              <td>${r.revision}</td>
              <td>
                ${r.withdrawn === 1 ? '撤销录入，恢复系统内置数据' : html`${r.source}（放假${Object.keys(JSON.parse(r.days_off) as object).length}天，调休上班${Object.keys(JSON.parse(r.make_up_days) as object).length}天）`}
              </td>
              <td>${r.entered_by_name ?? ''}</td>
              <td>${beijingTime(r.entered_at)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function closuresTable(o: CalendarOverview, csrf: string): Html {
  if (o.closures.length === 0) return html`<p class="muted">没有登记停止办公。</p>`;
  return html`<div class="table-scroll">
    <table>
      <thead>
        <tr>
          <th scope="col">范围</th>
          <th scope="col">日期</th>
          <th scope="col">原因</th>
          <th scope="col">状态</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        ${o.closures.map(
          (c) =>
            html`<tr>
              <td>${c.agency_name ? `${c.agency_name}及下级机构` : '全部机构'}</td>
              <td>${c.date_from === c.date_to ? c.date_from : `${c.date_from}至${c.date_to}`}</td>
              <td>${c.reason}</td>
              <td>${c.withdrawn_at ? `已撤销（${beijingTime(c.withdrawn_at)}）` : '有效'}</td>
              <td>
                ${
                  !c.withdrawn_at && (c.agency_id !== null || o.wholeSite)
                    ? html`<form method="post" action="/staff/calendar/closures/${c.id}/withdraw">
                        ${csrfField(csrf)}<button type="submit" class="linklike">撤销</button>
                      </form>`
                    : ''
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

const fromLabels = { entered: '已录入的通知', shipped: '系统内置数据', none: '无（该年尚无数据）' } as const;

export function noticeFormPage(data: NoticeFormData, state: FormState, csrf: string): Html {
  return html`<h1>${data.year}年节假日安排</h1>
    <p>
      按国务院办公厅关于${data.year}年部分节假日安排的通知逐行填写。表中预先填入了现行数据（${fromLabels[data.from]}）。保存后该年以录入的为准。
    </p>
    ${errorSummary(state)}
    <form class="stacked" method="post" action="/staff/calendar/notices/preview">
      ${csrfField(csrf)}
      <input type="hidden" name="year" value="${data.year}" />
      <input type="hidden" name="revision" value="${String(state.values['revision'] ?? data.revision)}" />
      ${textField(state, 'source', '通知文号或标题', { required: true, hint: '如：国办发明电〔2026〕7号' })}
      ${textArea(state, 'daysOff', '放假日期（每行一段）', { required: true, hint: '如：2027-02-06至2027-02-13 春节；单日写 2027-04-05 清明节' })}
      ${textArea(state, 'makeUpDays', '调休上班日期（每行一天）', { hint: '如：2027-02-14 春节（周末上班，注明所补的节日）' })}
      <button type="submit">预览</button>
    </form>
    ${
      data.from === 'entered'
        ? html`<form method="post" action="/staff/calendar/notices/${data.year}/withdraw">
            ${csrfField(csrf)}<input type="hidden" name="revision" value="${data.revision}" />
            <button type="submit">撤销本年录入，恢复系统内置数据</button>
          </form>`
        : ''
    }
    <h2>本年录入历史</h2>
    ${data.history.length === 0 ? html`<p class="muted">尚无录入记录。</p>` : historyTable(data.history)}`;
}

export function noticePreviewPage(
  p: NoticePreview,
  values: Record<string, unknown>,
  csrf: string,
  state?: FormState,
): Html {
  const hidden = (name: string) => html`<input type="hidden" name="${name}" value="${String(values[name] ?? '')}" />`;
  return html`<h1>${p.notice.year}年节假日安排：预览</h1>
    ${state ? errorSummary(state) : ''}
    <p>
      通知：<strong>${p.notice.source}</strong>。放假 ${Object.keys(p.notice.daysOff).length} 天，调休上班
      ${Object.keys(p.notice.makeUpDays).length}
      天。现行数据：${p.current.kind === 'none' ? '无' : `${p.current.kind === 'entered' ? '已录入' : '系统内置'}（${p.current.source}）`}。
      保存后工作日历覆盖至 <strong>${chineseDate(p.lastCoveredAfter)}</strong>。
    </p>
    ${
      p.warnings.length > 0
        ? html`<div class="notice" role="note">
            <strong>请核对：</strong>
            <ul>
              ${p.warnings.map((w) => html`<li>${w}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <h2>与现行数据不同的日期</h2>
    ${
      p.changes.length === 0
        ? html`<p class="muted">与现行数据相同。</p>`
        : html`<div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">星期</th>
                  <th scope="col">现行</th>
                  <th scope="col">保存后</th>
                </tr>
              </thead>
              <tbody>
                ${p.changes.map(
                  (c) =>
                    html`<tr>
                      <td>${c.date}</td>
                      <td>${c.weekday}</td>
                      <td>${c.before}</td>
                      <td>${c.after}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    <form class="stacked" method="post" action="/staff/calendar/notices">
      ${csrfField(csrf)} ${hidden('year')} ${hidden('source')} ${hidden('daysOff')} ${hidden('makeUpDays')}
      ${hidden('revision')}
      ${
        p.warnings.length > 0
          ? html`<label
              ><input type="checkbox" name="confirm" value="1" required /> 已核对以上提示，按通知原文保存</label
            >`
          : ''
      }
      <button type="submit">确认保存</button>
    </form>
    <form method="post" action="/staff/calendar/notices/edit">
      ${csrfField(csrf)} ${hidden('year')} ${hidden('source')} ${hidden('daysOff')} ${hidden('makeUpDays')}
      ${hidden('revision')}
      <button type="submit">返回修改</button>
    </form>`;
}
