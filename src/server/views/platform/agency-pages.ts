import { html } from 'hono/html';
import { agencyKindLabels, agencyKinds } from '../../../core/platform/agency-kind.ts';
import type { AgencyRow } from '../../../db/schema.ts';
import { presentAgency } from '../../http/presenters.ts';
import { csrfField, errorSummary, selectField, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { agencyTree, kindLabel } from '../portal/portal-pages.ts';

export function agencyListPage(rows: AgencyRow[], canCreate: (a: AgencyRow) => boolean, flash?: string): Html {
  return html`<h1>机构管理</h1>
    ${flash ? html`<div class="notice ok" role="status">${flash}</div>` : ''}
    <p class="muted">共 ${rows.length} 个机构。机构代码用于生成信息索引号，请准确填写。</p>
    ${agencyTree(
      rows,
      (a) =>
        html`<a href="/staff/agencies/${a.id}">${a.name}</a><span class="kind">${kindLabel(a.kind)}</span>
          <span class="mono muted">${a.code}</span>${
            canCreate(a) ? html` · <a href="/staff/agencies/new?parent=${a.id}">新增下级机构</a>` : ''
          }`,
    )}`;
}

/** The edit form shows the agency as the API presents it, less the fields nobody edits. */
export function agencyToForm(a: AgencyRow): Record<string, unknown> {
  const { id: _id, parentId: _parentId, isDemo: _isDemo, updatedAt: _updatedAt, ...editable } = presentAgency(a);
  return editable;
}

export interface AgencyFormOptions {
  action: string;
  title: string;
  structural: boolean;
  parent?: AgencyRow;
  canSave: boolean;
}

export function agencyFormPage(state: FormState, csrf: string, o: AgencyFormOptions): Html {
  const ro = !o.canSave;
  return html`<h1>${o.title}</h1>
    ${state.message === '已保存' ? html`<div class="notice ok" role="status">已保存。</div>` : errorSummary(state)}
    ${o.parent ? html`<p>上级机构：<strong>${o.parent.name}</strong></p>` : ''}
    ${ro ? html`<p class="notice">您可以查看本机构信息，但无权修改。</p>` : ''}
    <form class="stacked" method="post" action="${o.action}">
      ${csrfField(csrf)} ${o.parent ? html`<input type="hidden" name="parentId" value="${o.parent.id}" />` : ''}
      <input type="hidden" name="version" value="${String(state.values['version'] ?? '')}" />
      ${
        o.structural
          ? html`<fieldset>
              <legend>基本信息</legend>
              ${textField(state, 'name', '机构名称', { required: true })}
              ${textField(state, 'code', '统一社会信用代码 / 组织机构代码', { required: true, hint: '18位统一社会信用代码或9位组织机构代码，系统校验校验位' })}
              ${selectField(
                state,
                'kind',
                '机构类别',
                agencyKinds.map((k) => ({ value: k, label: agencyKindLabels[k] })),
                { required: true },
              )}
              ${textField(state, 'reportDeadline', '年度报告发布期限（月-日）', { required: true, hint: '条例第四十九条规定为每年1月31日前，即 01-31' })}
              ${textField(state, 'sortOrder', '排序号', { type: 'number' })}
            </fieldset>`
          : ''
      }
      <fieldset>
        <legend>公开指南联系方式（条例第十二条）</legend>
        ${textField(state, 'address', '办公地址')} ${textField(state, 'postcode', '邮政编码')}
        ${textField(state, 'officeHours', '办公时间')} ${textField(state, 'phone', '联系电话')}
        ${textField(state, 'fax', '传真')} ${textField(state, 'onlineChannel', '网上申请渠道')}
        ${textField(state, 'email', '电子邮箱', { type: 'email' })}
      </fieldset>
      ${ro ? '' : html`<button type="submit">保存</button>`}
      <a class="button secondary" href="/staff/agencies">返回列表</a>
    </form>`;
}
