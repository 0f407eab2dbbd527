import { html, raw } from 'hono/html';
import { findColumn, formatColumnPath, openColumns, type Catalogue } from '../../../core/publication/catalogue.ts';
import { isItemStatus, itemStatusLabels } from '../../../core/publication/review-chain.ts';
import { validityLabels, validityStatuses } from '../../../core/publication/validity.ts';
import type { ItemDetail } from '../../../use-cases/publication/item-detail.ts';
import type { StaffItem } from '../../../use-cases/publication/list-staff-items.ts';
import type { TimelinessSummary } from '../../../core/publication/timeliness.ts';
import { csrfField, errorSummary, selectField, textArea, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { columnName, findingList, markedText, pager, timelinessText, validityLabel } from './publication-parts.ts';

export function statusLabel(s: string): string {
  return isItemStatus(s) ? itemStatusLabels[s] : s;
}

export function itemListPage(
  list: { items: StaffItem[]; total: number; page: number; pageSize: number },
  status: string,
  may: { create: boolean; configure: boolean },
): Html {
  const tabs = [['', '全部'], ...Object.entries(itemStatusLabels)] as [string, string][];
  return html`<h1>主动公开</h1>
    <p>
      ${may.create ? html`<a class="button" href="/staff/publication/new">新建信息</a>` : ''}
      <a href="/staff/publication/documents">公开属性认定</a> ·
      <a href="/staff/publication/late">逾期未公开与超期公开（条例第二十六条）</a>
      ${
        may.configure
          ? html` · <a href="/staff/publication/settings">设置（公开目录、审核流程、错敏词、信息推送）</a>`
          : ''
      }
    </p>
    <nav aria-label="按状态筛选">
      <ul class="tabs">
        ${tabs.map(
          ([v, l]) =>
            html`<li>
              <a href="/staff/publication${v ? `?status=${v}` : ''}" ${v === status ? raw('aria-current="page"') : ''}
                >${l}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
    ${itemTable(list.items)}
    ${pager(list.page, Math.ceil(list.total / list.pageSize), (p) => `/staff/publication?${status ? `status=${status}&` : ''}page=${p}`)}`;
}

function itemTable(items: StaffItem[]): Html {
  if (items.length === 0) return html`<p class="muted">暂无信息。</p>`;
  return html`<div class="table-scroll">
    <table>
      <thead>
        <tr>
          <th scope="col">标题</th>
          <th scope="col">机构</th>
          <th scope="col">状态</th>
          <th scope="col">成文日期</th>
          <th scope="col">发布日期</th>
          <th scope="col">索引号</th>
          <th scope="col">时效（20个工作日）</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (i) =>
            html`<tr>
              <td><a href="/staff/publication/items/${i.id}">${i.title}</a></td>
              <td>${i.agency_name}</td>
              <td>${statusLabel(i.status)}</td>
              <td>${i.written_on ?? '—'}</td>
              <td>
                ${i.published_on ?? (i.publish_at ? `定时：${i.publish_at.slice(0, 16).replace('T', ' ')}` : '—')}
              </td>
              <td class="mono">${i.index_number ?? '—'}</td>
              <td>${timelinessText(i.timeliness)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function latePage(data: {
  late: StaffItem[];
  perAgency: { agencyName: string; summary: TimelinessSummary }[];
}): Html {
  return html`<h1>公开时效</h1>
    <p>
      条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内予以公开。工作日按本机关的工作日历计算（国务院公布的节假日安排，以及管理员登记的停止办公）。
    </p>
    <h2>各机构情况</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">机构</th>
          <th scope="col">已发布</th>
          <th scope="col">按时</th>
          <th scope="col">超期发布</th>
          <th scope="col">待发布</th>
          <th scope="col">已逾期未发布</th>
          <th scope="col">按时率</th>
        </tr>
      </thead>
      <tbody>
        ${data.perAgency.map(
          (a) =>
            html`<tr>
              <td>${a.agencyName}</td>
              <td>${a.summary.published}</td>
              <td>${a.summary.onTime}</td>
              <td>${a.summary.late}</td>
              <td>${a.summary.pending}</td>
              <td>${a.summary.overdue}</td>
              <td>${a.summary.onTimeRate === null ? '—' : `${Math.round(a.summary.onTimeRate * 1000) / 10}%`}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>超期和逾期的信息（${data.late.length}条）</h2>
    ${itemTable(data.late)}`;
}

/** The open columns, plus the item's own when it was retired since (an item may stay where it is). */
function columnOptions(catalogue: Catalogue, current?: string): { value: string; label: string }[] {
  const open = openColumns(catalogue);
  const retired = current && !open.some((c) => c.node.code === current) ? findColumn(catalogue, current) : undefined;
  return [
    ...open.map((c) => ({ value: c.node.code, label: formatColumnPath(c.path) })),
    ...(retired ? [{ value: retired.node.code, label: `${formatColumnPath(retired.path)}（已停用）` }] : []),
  ];
}

export function itemFormPage(opts: {
  heading: string;
  action: string;
  catalogue: Catalogue;
  state: FormState;
  csrf: string;
  revise?: boolean;
  /** The column the item is in now (editing): offered even when retired. */
  currentColumn?: string;
}): Html {
  const s = opts.state;
  return html`<h1>${opts.heading}</h1>
    ${errorSummary(s)}
    <form class="stacked" method="post" action="${opts.action}" novalidate>
      ${csrfField(opts.csrf)}
      ${s.values['version'] ? html`<input type="hidden" name="version" value="${String(s.values['version'])}" />` : ''}
      ${selectField(s, 'catalogue', '栏目', columnOptions(opts.catalogue, opts.currentColumn), { required: true })}
      ${textField(s, 'title', '标题', { required: true })}
      ${textField(s, 'docNumber', '文号', { hint: '如：锡滨政办发〔2025〕12号；没有文号的留空' })}
      ${textField(s, 'writtenOn', '成文日期', { hint: 'YYYY-MM-DD；20个工作日的公开时限从此日起算' })}
      ${textField(s, 'changedOn', '信息变更日期', { hint: '信息变更后重新公开时填写（选填）' })}
      ${textField(s, 'topic', '主题分类')} ${textField(s, 'publisher', '发布机构', { hint: '留空为本机关' })}
      ${textField(s, 'source', '来源', { hint: '留空为本机关' })}
      ${selectField(
        s,
        'validityStatus',
        '有效性',
        validityStatuses.map((v) => ({ value: v, label: validityLabels[v] })),
      )}
      ${textField(s, 'effectiveFrom', '施行日期（选填）')} ${textField(s, 'validUntil', '有效期至（选填）')}
      ${textField(s, 'endedOn', '失效、废止或修订日期（选填）')}
      ${textArea(s, 'bodyHtml', '正文', { hint: '可粘贴网页或 Word 中的内容（HTML），保存时按白名单净化；也可在保存后上传 Word 文件导入正文' })}
      ${textField(s, 'interpretsId', '解读的政策（信息编号，选填）')}
      ${textField(s, 'replacesId', '替代的信息（信息编号，选填）')}
      ${opts.revise ? textField(s, 'reason', '修订原因', { required: true }) : ''}
      <button type="submit">保存</button>
    </form>`;
}

export function itemValues(d: ItemDetail['item']): Record<string, unknown> {
  return {
    catalogue: d.catalogue,
    title: d.title,
    docNumber: d.doc_number,
    writtenOn: d.written_on ?? '',
    changedOn: d.changed_on ?? '',
    topic: d.topic,
    publisher: d.publisher,
    source: d.source,
    validityStatus: d.validity_status,
    effectiveFrom: d.effective_from ?? '',
    validUntil: d.valid_until ?? '',
    endedOn: d.ended_on ?? '',
    bodyHtml: d.body_html,
    interpretsId: d.interprets_id ?? '',
    replacesId: d.replaces_id ?? '',
    version: d.version,
  };
}

export function itemDetailPage(
  d: ItemDetail,
  csrf: string,
  may: { edit: boolean; review: boolean; publish: boolean; isAuthor: boolean },
  notice?: string,
): Html {
  const i = d.item;
  const step = d.reviewChain[i.review_step];
  const allChecks = [...d.checks.title, ...d.checks.body, ...d.checks.docNumber];
  const base = `/staff/publication/items/${i.id}`;
  const row = (k: string, v: string) =>
    html`<tr>
      <th scope="row">${k}</th>
      <td>${v || '—'}</td>
    </tr>`;
  return html`<h1>${i.title}</h1>
    ${notice ? html`<div class="notice ok" role="status">${notice}</div>` : ''}
    <p>
      状态：<strong>${statusLabel(i.status)}</strong>${i.status === 'review' && step ? `（待${step.name}）` : ''}
      ${i.status === 'withdrawn' ? html`；撤回原因：${i.withdrawn_reason}` : ''}
      ${i.status === 'published' ? html` · <a href="/items/${i.id}">在门户查看</a>` : ''}
    </p>
    <table class="meta">
      <tbody>
        ${row('信息编号', i.id)} ${row('索引号', i.index_number ?? '发布时生成')}
        ${row('栏目', columnName(d.settings.catalogue, i.catalogue))} ${row('文号', i.doc_number)}
        ${row('发布机构', i.publisher)} ${row('成文日期', i.written_on ?? '')} ${row('发布日期', i.published_on ?? '')}
        ${row('有效性', validityLabel(i.validity_status))} ${row('公开时效', timelinessText(d.timeliness))}
        ${row('保密审查', i.secrecy_confirmed_at ? `已确认（${i.secrecy_confirmed_at.slice(0, 16).replace('T', ' ')}）` : '未确认')}
        ${row('继续发布理由', i.check_override ?? '')}
      </tbody>
    </table>

    <h2>发布前检查</h2>
    ${
      allChecks.length === 0
        ? html`<p class="notice ok">未发现错敏词、个人信息、文号格式或链接问题。</p>`
        : html`<p class="${d.checks.blocking ? 'notice error' : 'notice'}" role="status">
              ${
                d.checks.blocking
                  ? i.check_override
                    ? '有错误级问题，审核人已填写继续发布的理由。'
                    : '有错误级问题：须修改，或由审核人填写继续发布的理由后才能发布。'
                  : '只有提示级问题，请核对。'
              }
            </p>
            ${findingList('标题', d.checks.title)} ${findingList('文号', d.checks.docNumber)}
            ${
              d.checks.body.length > 0
                ? html`<h3>正文（问题标注在出现的位置）</h3>
                    ${markedText(bodyPlain(d), d.checks.body)}`
                : ''
            }`
    }

    <h2>正文预览</h2>
    <div class="item-body">${raw(i.body_html)}</div>

    <h2>附件</h2>
    ${
      d.attachments.length === 0
        ? html`<p class="muted">无附件。</p>`
        : html`<ul>
            ${d.attachments.map(
              (a) =>
                html`<li>
                  ${a.name}（${a.kind}，${Math.ceil(a.size / 1024)} KB）
                  ${
                    may.edit && i.status === 'draft'
                      ? html`<form class="inline" method="post" action="${base}/attachments/${a.id}/delete">
                          ${csrfField(csrf)}<button class="linklike" type="submit">删除</button>
                        </form>`
                      : ''
                  }
                </li>`,
            )}
          </ul>`
    }
    ${
      may.edit && i.status === 'draft'
        ? html`<form class="stacked" method="post" action="${base}/attachments" enctype="multipart/form-data">
              ${csrfField(csrf)}
              <label for="f-file"
                >上传附件<span class="hint"
                  >PDF、Word（DOCX）、Excel（XLSX）或图片；文档不超过50MB，图片不超过10MB</span
                ></label
              >
              <input id="f-file" type="file" name="file" multiple />
              <button type="submit">上传附件</button>
            </form>
            <form class="stacked" method="post" action="${base}/docx" enctype="multipart/form-data">
              ${csrfField(csrf)}
              <input type="hidden" name="version" value="${i.version}" />
              <label for="f-docx"
                >从 Word 文件导入正文<span class="hint">DOCX，不超过20MB；会替换现有正文，图片转为附件</span></label
              >
              <input id="f-docx" type="file" name="docx" />
              <button type="submit">导入正文</button>
            </form>`
        : ''
    }

    <h2>操作</h2>
    ${
      may.edit && i.status === 'draft'
        ? html`<p><a href="${base}/edit">编辑</a></p>
            <form method="post" action="${base}/submit">
              ${csrfField(csrf)}<input type="hidden" name="version" value="${i.version}" />
              <button type="submit">提交审核</button>
            </form>`
        : ''
    }
    ${
      i.status === 'review' && step && may.review && !may.isAuthor
        ? html`<form class="stacked" method="post" action="${base}/review">
            ${csrfField(csrf)}<input type="hidden" name="version" value="${i.version}" />
            <fieldset>
              <legend>${step.name}</legend>
              <label><input type="radio" name="decision" value="approve" checked /> 通过</label>
              <label><input type="radio" name="decision" value="return" /> 退回修改</label>
            </fieldset>
            <label for="f-comment">审核意见</label>
            <textarea id="f-comment" name="comment"></textarea>
            ${
              d.checks.blocking && !i.check_override
                ? html`<label for="f-override"
                      >继续发布的理由<span class="hint"
                        >发布前检查有错误级问题，通过须填写理由（记入审计日志）</span
                      ></label
                    >
                    <textarea id="f-override" name="overrideReason"></textarea>`
                : ''
            }
            <button type="submit">提交审核意见</button>
          </form>`
        : ''
    }
    ${
      i.status === 'approved' && may.publish
        ? html`<form class="stacked" method="post" action="${base}/publish">
            ${csrfField(csrf)}<input type="hidden" name="version" value="${i.version}" />
            <label
              ><input type="checkbox" name="secrecyConfirmed" value="1" /> 已按规定完成保密审查（条例第十七条）</label
            >
            <label for="f-publishAt"
              >定时发布<span class="hint">留空立即发布；格式 YYYY-MM-DDTHH:MM（北京时间）</span></label
            >
            <input id="f-publishAt" name="publishAt" type="datetime-local" />
            <button type="submit">发布</button>
          </form>`
        : ''
    }
    ${i.status === 'published' && may.publish ? html`<p><a href="${base}/revise">修订（保留历史版本）</a></p>` : ''}
    ${
      (i.status === 'published' || i.status === 'scheduled') && may.publish
        ? html`<form class="stacked" method="post" action="${base}/withdraw">
            ${csrfField(csrf)}<input type="hidden" name="version" value="${i.version}" />
            <label for="f-reason">撤回原因</label>
            <textarea id="f-reason" name="reason" required></textarea>
            <button type="submit">撤回</button>
          </form>`
        : ''
    }

    <h2>审核记录</h2>
    ${
      d.reviews.length === 0
        ? html`<p class="muted">暂无。</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">轮次</th>
                <th scope="col">步骤</th>
                <th scope="col">意见</th>
                <th scope="col">审核人</th>
                <th scope="col">时间</th>
              </tr>
            </thead>
            <tbody>
              ${d.reviews.map(
                (r) =>
                  html`<tr>
                    <td>${r.round}</td>
                    <td>${r.step_name}</td>
                    <td>
                      ${r.decision === 'approve' ? '通过' : '退回修改'}${r.comment ? `：${r.comment}` : ''}${
                        r.override_reason ? `（继续发布理由：${r.override_reason}）` : ''
                      }
                    </td>
                    <td>${r.actor_label}</td>
                    <td>${r.at.slice(0, 16).replace('T', ' ')}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    <h2>历史版本</h2>
    ${
      d.revisions.length === 0
        ? html`<p class="muted">暂无修订。</p>`
        : html`<ul>
            ${d.revisions.map((r) => html`<li>第${r.revision}版，${r.at.slice(0, 10)} 修订，原因：${r.reason}</li>`)}
          </ul>`
    }`;
}

function bodyPlain(d: ItemDetail): string {
  return d.item.body_text;
}
