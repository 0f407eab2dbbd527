import { html, raw } from 'hono/html';
import { APPLICANT_TYPES, applicantTypeLabel } from '../../../core/cases/applicant-type.ts';
import { CHANNEL_LABELS, CHANNELS } from '../../../core/cases/channel.ts';
import { IDENTITY_DOCUMENT_TYPES } from '../../../core/cases/identity-number.ts';
import type { AgencyRow } from '../../../db/schema.ts';
import type { CaseReceipt } from '../../../use-cases/cases/create-case.ts';
import { DELIVERY_WANTED, FORM_WANTED } from '../../../use-cases/cases/create-case.ts';
import type { TrackedCase } from '../../../use-cases/cases/track-case.ts';
import { csrfField, errorSummary, selectField, textArea, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

/** The fields of an application (条例第二十九条), shared by the public form and staff registration. */
export function applicationFields(state: FormState): Html {
  return html`<fieldset>
      <legend>申请人信息</legend>
      ${selectField(
        state,
        'applicantType',
        '申请人类型',
        APPLICANT_TYPES.map((t) => ({ value: t, label: applicantTypeLabel(t) })),
        { required: true },
      )}
      ${textField(state, 'name', '姓名（法人或其他组织填写联系人姓名）', { required: true, autocomplete: 'name' })}
      ${textField(state, 'organisation', '单位名称（法人或其他组织填写）', { autocomplete: 'organization' })}
      ${selectField(state, 'idType', '证件类型', options(IDENTITY_DOCUMENT_TYPES), { required: true })}
      ${textField(state, 'idNumber', '证件号码', {
        required: true,
        autocomplete: 'off',
        hint: '居民身份证为18位（末位可为X）；法人或其他组织填写18位统一社会信用代码。系统会核对校验位。',
      })}
      ${textField(state, 'phone', '联系电话', { required: true, autocomplete: 'tel' })}
      ${textField(state, 'email', '电子邮箱', { type: 'email', autocomplete: 'email' })}
      ${textField(state, 'address', '通信地址', { autocomplete: 'street-address', hint: '选择邮寄方式的必填' })}
      ${textField(state, 'postcode', '邮政编码', { autocomplete: 'postal-code' })}
    </fieldset>
    <fieldset>
      <legend>所需信息</legend>
      ${textArea(state, 'description', '所需政府信息的名称、文号或者便于查询的其他特征性描述', {
        required: true,
        hint: '请尽量写明文件名称、文号、制作时间等，以便准确查找（条例第二十九条）。',
      })}
      ${selectField(state, 'formWanted', '信息的提供形式', options(FORM_WANTED), { required: true })}
      ${selectField(state, 'deliveryWanted', '获取信息的方式', options(DELIVERY_WANTED), { required: true })}
    </fieldset>`;
}

export function applyPage(agency: AgencyRow, state: FormState, csrf: string, idempotencyKey: string): Html {
  return html`<h1>向${agency.name}申请政府信息公开</h1>
    <p>
      依据《中华人民共和国政府信息公开条例》第二十七条、第二十九条，您可以通过本页面以数据电文形式提出申请。提交后您将获得受理编号和查询密码，凭二者查询办理进度、提交补正、下载答复。本机关自收到申请之日起20个工作日内答复（第三十三条）。
    </p>
    <p class="muted">您填写的身份证件号码和电话加密保存，只用于办理本申请。带 * 的为必填项。</p>
    ${errorSummary(state)}
    <form class="stacked" method="post" action="/agencies/${agency.id}/apply" enctype="multipart/form-data">
      ${csrfField(csrf)}
      <input type="hidden" name="idempotencyKey" value="${idempotencyKey}" />
      ${applicationFields(state)}
      <fieldset>
        <legend>附件（可选）</legend>
        <label for="f-files"
          >身份证明或其他材料（PDF、Word、图片，每个不超过10MB，最多5个）
          ${state.errors['files'] ? html`<span class="field-error">${state.errors['files']}</span>` : ''}
          ${
            state.message && Object.keys(state.errors).length > 0
              ? html`<span class="hint">出错后需重新选择附件，其余填写内容已保留。</span>`
              : ''
          }</label
        >
        <input type="file" id="f-files" name="files" multiple />
      </fieldset>
      <button type="submit">提交申请</button>
    </form>`;
}

/** The printable 回执 (receipt): the tracking code, the secret (shown only this once), the date and due date. */
export function receiptPage(r: CaseReceipt): Html {
  return html`<h1>政府信息公开申请回执</h1>
    ${r.created ? '' : html`<div class="notice" role="status">这份申请此前已经提交过，没有重复登记。</div>`}
    <dl class="guide">
      <dt>受理机关</dt>
      <dd>${r.agencyName}</dd>
      <dt>受理编号</dt>
      <dd><strong>${r.trackingCode}</strong></dd>
      ${
        r.secret
          ? html`<dt>查询密码</dt>
              <dd><strong>${r.secret}</strong></dd>`
          : html`<dt>查询密码</dt>
              <dd>已在首次提交时显示；遗失的，请凭身份证明联系受理机关。</dd>`
      }
      <dt>收到申请日期</dt>
      <dd>${r.receivedOn}</dd>
      <dt>答复期限</dt>
      <dd>
        ${r.dueOn ? html`${r.dueOn}（自收到申请之日起20个工作日，第三十三条）` : '工作日历尚未覆盖该期间，期限将另行告知'}
      </dd>
    </dl>
    ${
      r.secret
        ? html`<div class="notice" role="note">
            请打印或抄下本回执。<strong>查询密码只显示这一次</strong>，本机关不保存其明文，无法找回。
          </div>`
        : ''
    }
    <p>凭受理编号和查询密码可在<a href="/apply/track">办理进度查询</a>页面查看进度、提交补正、下载答复。</p>
    <p class="muted">本回执即本机关对网上申请的确认（条例第三十一条第三项）。</p>`;
}

export function trackFormPage(state: FormState, csrf: string): Html {
  return html`<h1>政府信息公开申请办理进度查询</h1>
    ${errorSummary(state)}
    <form class="stacked" method="post" action="/apply/track">
      ${csrfField(csrf)} ${textField(state, 'code', '受理编号', { required: true, autocomplete: 'off' })}
      ${textField(state, 'secret', '查询密码', { type: 'password', required: true, autocomplete: 'off' })}
      <button type="submit">查询</button>
    </form>
    <p class="muted">受理编号和查询密码见申请回执。多次输入错误将被暂时限制查询。</p>`;
}

const hiddenCredentials = (code: string, secret: string) =>
  html`<input type="hidden" name="code" value="${code}" /><input type="hidden" name="secret" value="${secret}" />`;

export function trackedPage(t: TrackedCase, csrf: string, code: string, secret: string, state: FormState): Html {
  return html`<h1>申请办理进度（${t.trackingCode}）</h1>
    ${
      state.message === '补正已提交'
        ? html`<div class="notice ok" role="status">补正已提交，答复期限自今日起重新计算（条例第三十条）。</div>`
        : errorSummary(state)
    }
    <dl class="guide">
      <dt>受理机关</dt>
      <dd>${t.agencyName}</dd>
      <dt>收到申请日期</dt>
      <dd>${t.receivedOn}</dd>
      <dt>办理状态</dt>
      <dd>${t.statusLabel}</dd>
      <dt>期限</dt>
      <dd>${t.deadlineMessage}</dd>
    </dl>
    <h2>消息与文书</h2>
    ${
      t.entries.length === 0
        ? html`<p>暂无。</p>`
        : html`<ul class="timeline">
            ${t.entries.map(
              (e) =>
                html`<li>
                  <span class="muted">${e.at.slice(0, 10)}</span> ${e.fromApplicant ? '（您提交）' : ''}
                  ${
                    e.filename
                      ? html`${e.body}：
                          <form class="inline" method="post" action="/apply/track/file">
                            ${csrfField(csrf)} ${hiddenCredentials(code, secret)}
                            <input type="hidden" name="seq" value="${e.seq}" />
                            <button class="linklike" type="submit">下载 ${e.filename}</button>
                          </form>`
                      : e.body
                  }
                </li>`,
            )}
          </ul>`
    }
    ${
      t.awaitingCorrection
        ? html`<h2>提交补正</h2>
            <p>请于${t.awaitingCorrection.correctBy}前补正。补正后，答复期限自本机关收到补正之日起重新计算。</p>
            <form class="stacked" method="post" action="/apply/track/correction">
              ${csrfField(csrf)} ${hiddenCredentials(code, secret)}
              ${textArea(state, 'text', '补正内容', { required: true })}
              <button type="submit">提交补正</button>
            </form>`
        : ''
    }`;
}

/** Staff registration of an application received in person, by post, letter, fax or another online channel. */
export function registerPage(
  agencies: { id: string; name: string }[],
  state: FormState,
  csrf: string,
  idempotencyKey: string,
): Html {
  return html`<h1>登记申请</h1>
    <p>
      收到申请之日依条例第三十一条确定：当面提交的为提交之日；邮寄的为签收之日；平常信函等无需签收的，为与申请人确认之日；传真、网络等数据电文形式的，为双方确认之日。
    </p>
    ${errorSummary(state)}
    <form class="stacked" method="post" action="/staff/cases/register">
      ${csrfField(csrf)}
      <input type="hidden" name="idempotencyKey" value="${idempotencyKey}" />
      ${selectField(
        state,
        'agencyId',
        '受理机关',
        agencies.map((a) => ({ value: a.id, label: a.name })),
        { required: true },
      )}
      ${selectField(
        state,
        'channel',
        '申请渠道',
        CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
        { required: true },
      )}
      ${textField(state, 'arrivedOn', '到达日期', { required: true, hint: '格式：2026-03-05' })}
      ${textField(state, 'signedOn', '签收日期（邮寄）')}
      ${textField(state, 'confirmedOn', '与申请人确认日期（平常信函、传真、网络）')} ${applicationFields(state)}
      <button type="submit">登记</button>
    </form>
    ${raw('')}`;
}
