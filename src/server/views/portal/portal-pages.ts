import { html, raw } from 'hono/html';
import { agencyKindLabels, isAgencyKind } from '../../../core/platform/agency-kind.ts';
import type { AgencyRow } from '../../../db/schema.ts';
import { feedbackKinds } from '../../../use-cases/platform/submit-public-feedback.ts';
import { csrfField, errorSummary, selectField, textArea, textField, type FormState } from '../form-parts.ts';
import type { Html } from '../layout.ts';

export function kindLabel(kind: string): string {
  return isAgencyKind(kind) ? agencyKindLabels[kind] : kind;
}

/** Agencies as nested lists, children ordered by sort_order then name. */
export function agencyTree(rows: AgencyRow[], item: (a: AgencyRow) => Html): Html {
  const byParent = new Map<string | null, AgencyRow[]>();
  for (const r of rows) {
    const key = rows.some((p) => p.id === r.parent_id) ? r.parent_id : null;
    byParent.set(key, [...(byParent.get(key) ?? []), r]);
  }
  const level = (parent: string | null): Html => {
    const kids = (byParent.get(parent) ?? []).sort(
      (a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name, 'zh-CN'),
    );
    if (kids.length === 0) return html``;
    return html`<ul class="agency-list">
      ${kids.map((k) => html`<li>${item(k)}${level(k.id)}</li>`)}
    </ul>`;
  };
  return level(null);
}

export function homePage(agencies: AgencyRow[]): Html {
  return html`<h1>政府信息公开</h1>
    <p>
      本专栏依据《中华人民共和国政府信息公开条例》设立。各机关的政府信息公开指南载明信息分类、获取方式、办公地址、办公时间、联系电话、传真和网上申请渠道（条例第十二条）。
    </p>
    <p>
      本网站目前提供各机关的政府信息公开指南、在线申请政府信息公开（见各机关的公开指南）和<a href="/apply/track"
        >申请办理进度查询</a
      >，以及留言与纠错；暂不提供政府信息公开目录。
    </p>
    <h2 id="agencies">政府信息公开指南</h2>
    <nav aria-labelledby="agencies">
      ${agencyTree(agencies, (a) => html`<a href="/agencies/${a.id}/guide">${a.name}</a><span class="kind">${kindLabel(a.kind)}</span>`)}
    </nav>
    <h2>意见建议</h2>
    <p>发现页面信息有误，或对政府信息公开工作有意见建议，请通过<a href="/feedback">留言与纠错</a>告诉我们。</p>`;
}

export function guidePage(a: AgencyRow, parent: AgencyRow | undefined): Html {
  const row = (label: string, value: string) =>
    html`<dt>${label}</dt>
      <dd>${value || '—'}</dd>`;
  const [mm, dd] = a.report_deadline.split('-');
  return html`<h1>${a.name}政府信息公开指南</h1>
    <p class="muted">
      机构类别：${kindLabel(a.kind)}${parent ? html`；上级机关：<a href="/agencies/${parent.id}/guide">${parent.name}</a>` : ''}
    </p>
    <h2>一、主动公开</h2>
    <p>
      本机关依照《中华人民共和国政府信息公开条例》第十九条、第二十条主动公开政府信息，自信息形成或者变更之日起20个工作日内予以公开（第二十六条）。
    </p>
    <h2>二、依申请公开</h2>
    <p>
      公民、法人或者其他组织可以书面形式（包括数据电文形式）向本机关申请获取相关政府信息（第二十七条、第二十九条）。公众可以通过本专栏在线申请：<a
        href="/agencies/${a.id}/apply"
        >向本机关提交政府信息公开申请</a
      >（提交后凭受理编号和查询密码查询办理进度）；也可以按下列联系方式，以信函、当面递交、传真等方式提出。本机关能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日（第三十三条）。
    </p>
    <h2>三、受理机构与联系方式</h2>
    <dl class="guide">
      ${row('机构名称', a.name)} ${row('统一社会信用代码', a.code)} ${row('办公地址', a.address)}
      ${row('邮政编码', a.postcode)} ${row('办公时间', a.office_hours)} ${row('联系电话', a.phone)}
      ${row('传真', a.fax)} ${row('网上申请渠道', a.online_channel)} ${row('电子邮箱', a.email)}
    </dl>
    <h2>四、政府信息公开工作年度报告</h2>
    <p>本机关于每年${Number(mm)}月${Number(dd)}日前公布上一年度政府信息公开工作年度报告（第四十九条）。</p>
    <h2>五、监督和救济</h2>
    <p>
      公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（第五十一条）。
    </p>
    <p><a href="/feedback?agency=${a.id}">对本页面纠错或留言</a></p>`;
}

export function feedbackPage(agencies: AgencyRow[], state: FormState, csrf: string, idempotencyKey: string): Html {
  return html`<h1>留言与纠错</h1>
    <p>请勿在留言中填写身份证号码等敏感个人信息。申请获取政府信息请按各机关公开指南提出政府信息公开申请。</p>
    ${errorSummary(state)}
    <form class="stacked" method="post" action="/feedback" novalidate>
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
        'kind',
        '类型',
        Object.entries(feedbackKinds).map(([value, label]) => ({ value, label })),
        { required: true },
      )}
      ${textField(state, 'pageUrl', '相关页面地址', { hint: '纠错时请填写有误页面的网址（选填）' })}
      ${textArea(state, 'content', '内容', { required: true, hint: '5至2000字' })}
      ${textField(state, 'contactName', '称呼（选填）', { autocomplete: 'name' })}
      ${textField(state, 'contact', '联系方式（选填）', { hint: '电话或电子邮箱，仅用于回复您', autocomplete: 'tel' })}
      <button type="submit">提交</button>
    </form>`;
}

export function feedbackDonePage(reference: string, created: boolean): Html {
  return html`<h1>提交成功</h1>
    <div class="notice ok" role="status">
      ${created ? '您的留言已收到。' : '该留言此前已提交成功，未重复保存。'}受理编号：<strong class="mono"
        >${reference}</strong
      >
    </div>
    <p>请保存受理编号以便查询。<a href="/">返回首页</a></p>`;
}

export function errorPage(status: number, message: string, back?: { href: string; label: string }): Html {
  return html`<h1>
      ${status === 404 ? '页面不存在' : status === 403 ? '无权访问' : status === 409 ? '保存冲突' : '出错了'}
    </h1>
    <div class="notice error" role="alert">${message}</div>
    ${back ? html`<p><a href="${back.href}">${back.label}</a></p>` : raw('<p><a href="/">返回首页</a></p>')}`;
}
