import { html, raw } from 'hono/html';
import {
  fixedColumnNames,
  formatColumnPath,
  isLeaf,
  MAX_CATALOGUE_DEPTH,
  normativeKindLabels,
  normativeKinds,
  retiredColumns,
  walkCatalogue,
} from '../../../core/publication/catalogue.ts';
import { MAX_REVIEW_STEPS } from '../../../core/publication/review-chain.ts';
import {
  shippedWordingEntries,
  wordingCategories,
  wordingCategoryLabels,
  type WordingEntry,
} from '../../../core/publication/wording-dictionary.ts';
import type { AgencyRow } from '../../../db/schema.ts';
import type { PublicationSettings } from '../../../use-cases/publication/publication-settings.ts';
import { csrfField, errorSummary, selectField, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { agencyTree, kindLabel } from '../portal/portal-pages.ts';

/** Which form of a settings page failed (its state is shown there, with the person's input and the messages). */
export interface FailedForm {
  form: string;
  state: FormState;
}

export interface SettingsView {
  agency: AgencyRow;
  settings: PublicationSettings;
  csrf: string;
  notice?: string;
  failed?: FailedForm;
  /** Shown once, right after a rotation. */
  newSecret?: string;
  /** Codes of columns that hold items (they can be retired, not deleted). */
  columnsWithItems?: ReadonlySet<string>;
}

const sections = [
  ['', '公开目录'],
  ['/review-chain', '审核流程'],
  ['/wording', '错敏词'],
  ['/webhook', '信息推送'],
] as const;

/** The 系统管理员's choice of agency: every agency of their subtree, as the agency tree shows them elsewhere. */
export function settingsAgencyPicker(agencies: AgencyRow[]): Html {
  return html`<nav class="breadcrumb" aria-label="位置"><a href="/staff/publication">主动公开</a> › 设置</nav>
    <h1>主动公开设置：选择机构</h1>
    <p>每个机构有自己的公开目录、审核流程、错敏词和信息推送设置。共 ${agencies.length} 个机构。</p>
    ${agencyTree(
      agencies,
      (a) =>
        html`<a href="/staff/publication/settings/${a.id}">${a.name}</a><span class="kind">${kindLabel(a.kind)}</span>`,
    )}`;
}

function frame(v: SettingsView, current: string, body: Html): Html {
  const base = `/staff/publication/settings/${v.agency.id}`;
  return html`<nav class="breadcrumb" aria-label="位置"><a href="/staff/publication">主动公开</a> › 设置</nav>
    <h1>${v.agency.name}：主动公开设置</h1>
    <nav aria-label="设置项目">
      <ul class="tabs">
        ${sections.map(
          ([path, label]) =>
            html`<li>
              <a href="${base}${path}" ${path === current ? raw('aria-current="page"') : ''}>${label}</a>
            </li>`,
        )}
      </ul>
    </nav>
    ${v.notice ? html`<div class="notice ok" role="status">${v.notice}</div>` : ''} ${body}`;
}

function stateOf(v: SettingsView, form: string, values: Record<string, unknown> = {}): FormState {
  return v.failed?.form === form ? v.failed.state : { values, errors: {} };
}

function versionField(v: SettingsView): Html {
  return html`<input type="hidden" name="version" value="${v.settings.version}" />`;
}

/** A small one-button form of a catalogue row; its hidden fields say which edit. */
function rowButton(v: SettingsView, code: string, op: string, label: string, extra: Record<string, string> = {}): Html {
  return html`<form class="inline compact" method="post" action="/staff/publication/settings/${v.agency.id}/catalogue">
    ${csrfField(v.csrf)} ${versionField(v)}
    <input type="hidden" name="op" value="${op}" /><input type="hidden" name="code" value="${code}" />
    ${Object.entries(extra).map(([k, val]) => html`<input type="hidden" name="${k}" value="${val}" />`)}
    <button type="submit">${label}</button>
  </form>`;
}

/** 公开目录: the tree with rename / move / retire / delete per column, and the form that adds one. */
export function catalogueSettingsPage(v: SettingsView): Html {
  const entries = walkCatalogue(v.settings.catalogue);
  const retired = retiredColumns(v.settings.catalogue);
  const used = v.columnsWithItems ?? new Set<string>();
  const parents = entries.filter(
    (e) =>
      (!e.node.fixed || e.node.fixed === 'statutory') &&
      e.depth < MAX_CATALOGUE_DEPTH &&
      !e.node.normativeKind &&
      !(isLeaf(e.node) && used.has(e.node.code)),
  );
  const add = stateOf(v, 'add', { parent: 'statutory' });
  const rowError = (code: string) => {
    const f = v.failed;
    if (!f || !f.form.endsWith(`:${code}`)) return '';
    const message = Object.values(f.state.errors).join('；') || f.state.message || '';
    return html`<span class="field-error" id="err-${code}">${message}</span>`;
  };
  return frame(
    v,
    '',
    html`<p>
        公开目录按条例第十二条编制。四个固定栏目（${Object.values(fixedColumnNames).join('、')}）不能修改；其他栏目可以改名、调整顺序、停用或删除。已有信息的栏目不能删除，只能停用：停用后不再用于新信息，也不在门户目录中显示，已发布的信息和链接仍然有效。
      </p>
      ${v.failed?.form === 'add' ? '' : v.failed ? errorSummary({ ...v.failed.state, errors: {} }) : ''}
      <div class="table-scroll">
        <table>
          <caption>
            栏目
          </caption>
          <thead>
            <tr>
              <th scope="col">栏目</th>
              <th scope="col">代码</th>
              <th scope="col">状态</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            ${entries.map((e) => {
              const code = e.node.code;
              const rename = stateOf(v, `rename:${code}`, { name: e.node.name });
              const status = e.node.fixed
                ? '固定栏目'
                : retired.has(e.node)
                  ? e.node.retired
                    ? '已停用'
                    : '上级已停用'
                  : '使用中';
              return html`<tr>
                <th scope="row">
                  ${formatColumnPath(e.path)}${
                    e.node.normativeKind
                      ? html` <span class="kind">${normativeKindLabels[e.node.normativeKind]}</span>`
                      : ''
                  }${used.has(code) ? html` <span class="kind">有信息</span>` : ''}
                </th>
                <td class="mono">${code}</td>
                <td>${status}</td>
                <td>
                  ${
                    e.node.fixed
                      ? html`<span class="muted">—</span>`
                      : html`<form
                            class="inline compact"
                            method="post"
                            action="/staff/publication/settings/${v.agency.id}/catalogue"
                          >
                            ${csrfField(v.csrf)} ${versionField(v)}
                            <input type="hidden" name="op" value="rename" /><input
                              type="hidden"
                              name="code"
                              value="${code}"
                            />
                            <label class="visually-hidden" for="rename-${code}">“${e.node.name}”的新名称</label>
                            <input
                              id="rename-${code}"
                              name="name"
                              value="${String(rename.values['name'] ?? '')}"
                              maxlength="40"
                              size="10"
                              ${
                                v.failed?.form.endsWith(`:${code}`)
                                  ? raw(`aria-invalid="true" aria-describedby="err-${code}"`)
                                  : ''
                              }
                            />
                            <button type="submit">改名</button>
                          </form>
                          ${rowButton(v, code, 'move', '上移', { direction: 'up' })}
                          ${rowButton(v, code, 'move', '下移', { direction: 'down' })}
                          ${
                            e.node.retired
                              ? rowButton(v, code, 'retire', '恢复使用', { retired: '0' })
                              : rowButton(v, code, 'retire', '停用', { retired: '1' })
                          }
                          ${rowButton(v, code, 'delete', '删除')} ${rowError(code)}`
                  }
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <h2>添加栏目</h2>
      ${errorSummary(add)}
      <form class="stacked" method="post" action="/staff/publication/settings/${v.agency.id}/catalogue" novalidate>
        ${csrfField(v.csrf)} ${versionField(v)}<input type="hidden" name="op" value="add" />
        ${selectField(
          add,
          'parent',
          '上级栏目',
          parents.map((e) => ({ value: e.node.code, label: formatColumnPath(e.path) })),
          { required: true },
        )}
        ${textField(add, 'name', '栏目名称', { required: true, hint: `不超过20个字，同一级下不能重名` })}
        ${textField(add, 'code', '栏目代码（选填）', {
          hint: '用于网址：小写英文字母、数字和连字符，以字母开头；留空自动生成',
        })}
        ${selectField(
          add,
          'normativeKind',
          '文件类别（选填）',
          normativeKinds.map((k) => ({ value: k, label: `${normativeKindLabels[k]}（计入年度报告表二）` })),
        )}
        <button type="submit">添加</button>
      </form>`,
  );
}

/** The review chain: up to six rows, each a step name and the roles that may decide it. */
export function reviewChainSettingsPage(v: SettingsView): Html {
  const values: Record<string, unknown> = {};
  v.settings.reviewChain.forEach((s, i) => {
    values[`name${i + 1}`] = s.name;
    values[`roles${i + 1}`] = s.roles;
  });
  const state = stateOf(v, 'chain', values);
  const roleBox = (n: number, role: 'reviewer' | 'head', label: string) => {
    const chosen = state.values[`roles${n}`];
    const on = Array.isArray(chosen) ? chosen.includes(role) : chosen === role;
    return html`<label
      ><input type="checkbox" name="roles${n}" value="${role}" ${on ? raw('checked') : ''} /> ${label}</label
    >`;
  };
  return frame(
    v,
    '/review-chain',
    html`<p>
        信息发布前依次经过各审核步骤（默认三审：初审、复审、终审），最后由发布人确认保密审查（条例第十七条）。起草人不能审核本人起草的信息。修改后的流程从下一次提交审核起适用；正在审核中的信息按提交时的流程继续。
      </p>
      ${errorSummary(state)}
      <form method="post" action="/staff/publication/settings/${v.agency.id}/review-chain" novalidate>
        ${csrfField(v.csrf)} ${versionField(v)}
        ${Array.from({ length: MAX_REVIEW_STEPS }, (_, i) => {
          const n = i + 1;
          const nameErr = state.errors[`name${n}`];
          const rolesErr = state.errors[`roles${n}`];
          return html`<fieldset ${rolesErr ? raw(`aria-describedby="f-roles${n}-err"`) : ''}>
            <legend>第 ${n} 步${n > v.settings.reviewChain.length ? '（选填）' : ''}</legend>
            <label for="f-name${n}"
              >步骤名称 ${nameErr ? html`<span class="field-error" id="f-name${n}-err">${nameErr}</span>` : ''}</label
            >
            <input
              id="f-name${n}"
              name="name${n}"
              maxlength="10"
              value="${String(state.values[`name${n}`] ?? '')}"
              ${nameErr ? raw(`aria-invalid="true" aria-describedby="f-name${n}-err"`) : ''}
            />
            <span>可审核的角色：</span>${roleBox(n, 'reviewer', '审核人')} ${roleBox(n, 'head', '机构负责人')}
            ${rolesErr ? html`<span class="field-error" id="f-roles${n}-err">${rolesErr}</span>` : ''}
          </fieldset>`;
        })}
        <p class="hint">步骤名称留空且不选角色的行不保存。最多 ${MAX_REVIEW_STEPS} 步。</p>
        <button type="submit">保存审核流程</button>
      </form>`,
  );
}

/** 错敏词 entries with the operation each row offers (remove an own entry; switch a shipped one off or on). */
function wordingTable(entries: readonly WordingEntry[], operation: (e: WordingEntry) => Html): Html {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">词条</th>
        <th scope="col">建议写法</th>
        <th scope="col">级别</th>
        <th scope="col">类别</th>
        <th scope="col">操作</th>
      </tr>
    </thead>
    <tbody>
      ${entries.map(
        (e) =>
          html`<tr>
            <th scope="row">${e.term}</th>
            <td>${e.suggestion ?? '—'}</td>
            <td>${e.level === 'error' ? '错误' : '提示'}</td>
            <td>${wordingCategoryLabels[e.category]}</td>
            <td>${operation(e)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * The shipped dictionary, each entry with 停用 / 恢复 for this agency (an agency that cites an old name on purpose).
 * Folded (details/summary, no script) — it is a few hundred lines; the switched-off ones are listed open above it.
 */
function shippedWordingSection(v: SettingsView): Html {
  const off = new Set(v.settings.wording.disabledTerms ?? []);
  const failed = v.failed?.form === 'shipped' ? v.failed.state : undefined;
  const toggle = (term: string, op: 'disable' | 'enable') =>
    html`<form class="inline compact" method="post" action="/staff/publication/settings/${v.agency.id}/wording/shipped">
      ${csrfField(v.csrf)} ${versionField(v)}<input type="hidden" name="term" value="${term}" /><input
        type="hidden"
        name="op"
        value="${op}"
      />
      <button type="submit" aria-label="${op === 'disable' ? '停用' : '恢复'}词条“${term}”">
        ${op === 'disable' ? '停用' : '恢复'}
      </button>
    </form>`;
  const disabled = shippedWordingEntries.filter((e) => off.has(e.term));
  const active = shippedWordingEntries.filter((e) => !off.has(e.term));
  return html`<h2 id="shipped">
      随软件提供的词库（${shippedWordingEntries.length}条，本机关停用${disabled.length}条）
    </h2>
    ${failed ? errorSummary(failed) : ''}
    <p>本机关有意使用的写法（如档案中引用的旧机构名称）可在此停用对应词条；只对本机关生效，可随时恢复。</p>
    ${
      disabled.length > 0
        ? html`<h3>本机关停用的词条</h3>
            ${wordingTable(disabled, (e) => toggle(e.term, 'enable'))}`
        : ''
    }
    <details>
      <summary>查看并停用词库中的词条（${active.length}条）</summary>
      ${wordingTable(active, (e) => toggle(e.term, 'disable'))}
    </details>`;
}

/** The agency's own 错敏词 entries, extending the shipped dictionary. */
export function wordingSettingsPage(v: SettingsView): Html {
  const state = stateOf(v, 'add', { level: 'error', category: 'usage' });
  const entries = v.settings.wording.entries ?? [];
  const removeFailed = v.failed?.form === 'remove' ? v.failed.state : undefined;
  return frame(
    v,
    '/wording',
    html`<p>
        发布前检查使用随软件提供的错敏词库（本机关可停用其中的词条，见下方），加上本机关在此添加的词条（与词库中的词条相同时，以本机关的为准）。“错误”级别的词条阻止发布，除非审核人填写理由；“提示”级别只作提醒。保存后立即用于发布前检查。
      </p>
      ${removeFailed ? errorSummary(removeFailed) : ''}
      <h2>本机关的词条（${entries.length}条）</h2>
      ${
        entries.length === 0
          ? html`<p class="muted">暂无。</p>`
          : wordingTable(
              entries,
              (e) =>
                html`<form
                  class="inline compact"
                  method="post"
                  action="/staff/publication/settings/${v.agency.id}/wording/remove"
                >
                  ${csrfField(v.csrf)} ${versionField(v)}<input type="hidden" name="term" value="${e.term}" />
                  <button type="submit" aria-label="删除词条“${e.term}”">删除</button>
                </form>`,
            )
      }
      <h2>添加词条</h2>
      ${errorSummary(state)}
      <form class="stacked" method="post" action="/staff/publication/settings/${v.agency.id}/wording" novalidate>
        ${csrfField(v.csrf)} ${versionField(v)}
        ${textField(state, 'term', '词条', { required: true, hint: '要查找的写法，不超过40个字符' })}
        ${textField(state, 'suggestion', '建议写法（选填）')}
        ${selectField(
          state,
          'level',
          '级别',
          [
            { value: 'error', label: '错误（阻止发布）' },
            { value: 'warning', label: '提示' },
          ],
          { required: true },
        )}
        ${selectField(
          state,
          'category',
          '类别',
          wordingCategories.map((c) => ({ value: c, label: wordingCategoryLabels[c] })),
        )}
        <button type="submit">添加</button>
      </form>
      ${shippedWordingSection(v)}`,
  );
}

/** The outbound webhook: URL, on/off, and the signing secret's rotation. */
export function webhookSettingsPage(v: SettingsView): Html {
  const s = v.settings;
  const state = stateOf(v, 'webhook', { url: s.webhookUrl, enabled: s.webhookEnabled });
  const rotate = v.failed?.form === 'rotate' ? v.failed.state : undefined;
  const enabled = state.values['enabled'] === true || state.values['enabled'] === '1';
  return frame(
    v,
    '/webhook',
    html`<p>
        一次录入、多平台发布：信息发布、修订或撤回时，向下面的地址推送带签名的通知（HMAC-SHA256，见
        docs/publication.md「Webhook」），失败时自动重试。只能使用 https 地址，不能使用本机或内网地址。
      </p>
      ${errorSummary(state)}
      <form class="stacked" method="post" action="/staff/publication/settings/${v.agency.id}/webhook" novalidate>
        ${csrfField(v.csrf)} ${versionField(v)}
        ${textField(state, 'url', '接收地址', { hint: '如 https://example.gov.cn/gongkai/hook' })}
        <label><input type="checkbox" name="enabled" value="1" ${enabled ? raw('checked') : ''} /> 启用推送</label>
        <button type="submit">保存</button>
      </form>
      <h2>签名密钥</h2>
      ${
        v.newSecret
          ? html`<div class="notice ok" role="status">
              新的签名密钥（只显示这一次，请交给接收方保存）：<code class="mono">${v.newSecret}</code>
            </div>`
          : html`<p>${s.webhookSecret ? '已设置（不显示）。' : '尚未设置：保存接收地址时自动生成。'}</p>`
      }
      ${rotate ? errorSummary(rotate) : ''}
      <form method="post" action="/staff/publication/settings/${v.agency.id}/webhook/secret">
        ${csrfField(v.csrf)} ${versionField(v)}
        <button type="submit">更换签名密钥</button>
      </form>`,
  );
}
