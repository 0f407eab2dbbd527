import { html, raw } from 'hono/html';
import { walkCatalogue, type Catalogue, type CatalogueNode } from '../../../core/publication/catalogue.ts';
import type { AgencyRow } from '../../../db/schema.ts';
import type { ItemSummary } from '../../../db/repositories/publication/publication-repository.ts';
import type { SearchResult } from '../../../search/search-document.ts';
import type { PublishedItem } from '../../../use-cases/publication/published-items.ts';
import type { Html } from '../layout.ts';
import { agencyTree, kindLabel } from '../portal/portal-pages.ts';
import { columnName, pager, validityLabel } from './publication-parts.ts';

/** The home page's columns: each gathers the default catalogue's leaves of one kind across the agencies. */
export const homeColumns: readonly { title: string; codes: readonly string[] }[] = [
  { title: '政策文件', codes: ['regulations', 'normative-documents', 'other-documents'] },
  { title: '政策解读', codes: ['interpretations'] },
  { title: '工作动态', codes: ['news'] },
  { title: '公示公告', codes: ['notices'] },
  { title: '人事信息', codes: ['appointments', 'recruitment'] },
  { title: '财政信息', codes: ['budgets', 'final-accounts'] },
];

function itemLinks(items: readonly ItemSummary[], showAgency = true): Html {
  if (items.length === 0) return html`<p class="muted">暂无信息。</p>`;
  return html`<ul class="item-list">
    ${items.map(
      (i) =>
        html`<li>
          <a href="/items/${i.id}">${i.title}</a>
          <span class="muted"
            >${showAgency ? `${i.agency_name} · ` : ''}<time datetime="${i.published_on ?? ''}"
              >${i.published_on ?? ''}</time
            ></span
          >
        </li>`,
    )}
  </ul>`;
}

export function publicationHomePage(
  government: string,
  agencies: AgencyRow[],
  latest: { title: string; items: ItemSummary[] }[],
): Html {
  return html`<h1>${government}政府信息公开</h1>
    <p>
      本专栏依据《中华人民共和国政府信息公开条例》设立，集中发布本级政府及其部门、街道主动公开的政府信息（条例第二十三条），提供信息检索，以及各机关的政府信息公开指南、公开制度和年度报告。
    </p>
    <form class="search-box" method="get" action="/search" role="search">
      <label for="home-q">检索政府信息</label>
      <input id="home-q" name="q" type="search" maxlength="100" />
      <button type="submit">检索</button>
    </form>
    <div class="columns">
      ${latest.map(
        (col) =>
          html`<section aria-labelledby="col-${col.title}">
            <h2 id="col-${col.title}">${col.title}</h2>
            ${itemLinks(col.items)}
          </section>`,
      )}
    </div>
    <h2 id="agencies">各机关政府信息公开</h2>
    <nav aria-labelledby="agencies">
      ${agencyTree(
        agencies,
        (a) =>
          html`<a href="/agencies/${a.id}/catalogue">${a.name}</a><span class="kind">${kindLabel(a.kind)}</span>
            <span class="muted"
              >（<a href="/agencies/${a.id}/guide">公开指南</a> · <a href="/agencies/${a.id}/rules">公开制度</a> ·
              <a href="/agencies/${a.id}/annual-reports">年报</a>）</span
            >`,
      )}
    </nav>
    <h2>依申请公开</h2>
    <p>
      公民、法人或者其他组织可以向各机关申请获取政府信息（条例第二十七条）。申请方式、受理机构和联系方式见各机关的<a
        href="#agencies"
        >政府信息公开指南</a
      >。
    </p>
    <h2>意见建议</h2>
    <p>
      发现信息有误，或对政府信息公开工作有意见建议，请通过<a href="/feedback">留言与纠错</a>告诉我们；凭受理编号可<a
        href="/feedback/lookup"
        >查询办理情况</a
      >。
    </p>`;
}

function tree(nodes: CatalogueNode[], agencyId: string): Html {
  // A retired column (and what is under it) leaves the catalogue; its page and items stay reachable by link.
  return html`<ul>
    ${nodes
      .filter((n) => !n.retired)
      .map((n) => {
        const href =
          n.fixed === 'guide'
            ? `/agencies/${agencyId}/guide`
            : n.fixed === 'rules'
              ? `/agencies/${agencyId}/rules`
              : n.fixed === 'annual-reports'
                ? `/agencies/${agencyId}/annual-reports`
                : n.children && n.children.length > 0
                  ? null
                  : `/agencies/${agencyId}/columns/${n.code}`;
        return html`<li>
          ${href ? html`<a href="${href}">${n.name}</a>` : html`<span>${n.name}</span>`}
          ${n.children && n.children.length > 0 ? tree(n.children, agencyId) : ''}
        </li>`;
      })}
  </ul>`;
}

export function cataloguePage(agency: AgencyRow, catalogue: Catalogue): Html {
  return html`<h1>${agency.name}政府信息公开目录</h1>
    <nav aria-label="公开目录" class="catalogue-tree">${tree(catalogue.columns, agency.id)}</nav>
    <p><a href="/agencies/${agency.id}/feed.atom">订阅本机关的信息（Atom）</a></p>`;
}

export function columnPage(
  agency: AgencyRow,
  catalogue: Catalogue,
  code: string,
  list: { items: ItemSummary[]; total: number },
  page: number,
  pageSize: number,
): Html {
  const path = walkCatalogue(catalogue).find((e) => e.node.code === code)?.path ?? [code];
  return html`<nav class="breadcrumb" aria-label="位置">
      <a href="/">首页</a> › <a href="/agencies/${agency.id}/catalogue">${agency.name}</a> › ${path.join(' › ')}
    </nav>
    <h1>${columnName(catalogue, code)}</h1>
    <p class="muted">
      共${list.total}条 · <a href="/agencies/${agency.id}/columns/${code}/feed.atom">Atom</a> ·
      <a href="/agencies/${agency.id}/columns/${code}/feed.rss">RSS</a>
    </p>
    ${itemLinks(list.items, false)}
    ${pager(page, Math.ceil(list.total / pageSize), (p) => `/agencies/${agency.id}/columns/${code}?page=${p}`)}`;
}

export function rulesPage(agency: AgencyRow, items: ItemSummary[], reviewSteps: readonly string[]): Html {
  return html`<h1>${agency.name}政府信息公开制度</h1>
    <p>
      本机关建立健全政府信息公开工作制度：主动公开信息须经审核（${reviewSteps.join('、')}）和保密审查后发布，自信息形成或者变更之日起20个工作日内公开（条例第二十六条）；发布前检查错敏词、个人信息和链接；依申请公开按条例第三十三条规定的期限答复；每年1月31日前公布上一年度工作年度报告（第四十九条）。
    </p>
    <h2>制度文件</h2>
    ${itemLinks(items, false)}`;
}

/** The agency's published annual reports (the pages themselves: routes/reports/portal-report-routes.ts). */
export function annualReportsPage(agency: AgencyRow, reports: readonly { id: string; year: number }[]): Html {
  return html`<h1>${agency.name}政府信息公开工作年度报告</h1>
    <p>
      条例第四十九条：各级人民政府及其部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。
    </p>
    ${
      reports.length === 0
        ? html`<p class="notice" role="status">本栏目尚未发布年度报告。</p>`
        : html`<ul>
            ${reports.map(
              (r) => html`<li><a href="/reports/${r.id}">${agency.name}${r.year}年政府信息公开工作年度报告</a></li>`,
            )}
          </ul>`
    }
    <p><a href="/reports">全部机构的政府信息公开年报</a></p>`;
}

export interface ItemPageExtras {
  shareUrl: string;
  qrSvg: string;
  catalogueName: string;
  printable: boolean;
}

export function itemPage(p: PublishedItem, x: ItemPageExtras): Html {
  const i = p.item;
  const row = (k1: string, v1: string, k2: string, v2: string) =>
    html`<tr>
      <th scope="row">${k1}</th>
      <td>${v1 || '—'}</td>
      <th scope="row">${k2}</th>
      <td>${v2 || '—'}</td>
    </tr>`;
  return html`${
      x.printable
        ? ''
        : html`<nav class="breadcrumb" aria-label="位置">
            <a href="/">首页</a> › <a href="/agencies/${p.agency.id}/catalogue">${p.agency.name}</a> ›
            <a href="/agencies/${p.agency.id}/columns/${i.catalogue}">${x.catalogueName}</a>
          </nav>`
    }
    <table class="meta item-meta">
      <caption>
        信息要素
      </caption>
      <tbody>
        ${row('索引号', i.index_number ?? '', '主题分类', i.topic)}
        ${row('发布机构', i.publisher, '成文日期', i.written_on ?? '')}
        ${row('文号', i.doc_number, '发布日期', i.published_on ?? '')}
        ${row('栏目', x.catalogueName, '有效性', validityLabel(i.validity_status))}
      </tbody>
    </table>
    <article class="item">
      <h1>${i.title}</h1>
      <p class="item-info muted">
        发布时间：<time datetime="${i.published_on ?? ''}">${i.published_on ?? ''}</time> 来源：${i.source}
        浏览次数：${i.views}
      </p>
      ${p.interprets ? html`<p>解读的政策：<a href="/items/${p.interprets.id}">${p.interprets.title}</a></p>` : ''}
      <div class="item-body">${raw(i.body_html)}</div>
      ${
        p.attachments.length > 0
          ? html`<h2>附件</h2>
              <ul>
                ${p.attachments.map(
                  (a, n) =>
                    html`<li>
                      <a href="/attachments/${a.id}">附件${n + 1}：${a.name}</a>（${Math.ceil(a.size / 1024)} KB）
                    </li>`,
                )}
              </ul>`
          : ''
      }
      ${
        p.interpretations.length > 0
          ? html`<h2>相关解读</h2>
              ${itemLinks(p.interpretations, false)}`
          : ''
      }
    </article>
    ${
      x.printable
        ? html`<p class="muted">本页地址：${x.shareUrl}</p>`
        : html`<aside class="item-tools" aria-label="页面工具">
            <p>
              <a href="/items/${i.id}/print">打印版</a> ·
              <a href="/prefs?fs=l&amp;back=/items/${i.id}">大</a>
              <a href="/prefs?fs=m&amp;back=/items/${i.id}">中</a>
              <a href="/prefs?fs=s&amp;back=/items/${i.id}">小</a> ·
              <a href="/feedback?agency=${p.agency.id}">纠错</a>
            </p>
            <p>分享链接：<a href="${x.shareUrl}">${x.shareUrl}</a></p>
            <figure class="qr">
              ${raw(x.qrSvg)}
              <figcaption>用手机扫码打开本页</figcaption>
            </figure>
          </aside>`
    }`;
}

export function searchPage(
  query: { q: string; agency: string; catalogue: string; year: string; docNumber: string },
  agencies: AgencyRow[],
  result: SearchResult | null,
  href: (page: number) => string,
): Html {
  return html`<h1>信息检索</h1>
    <form class="stacked search-form" method="get" action="/search" role="search">
      <label for="s-q">关键词</label>
      <input id="s-q" name="q" type="search" value="${query.q}" maxlength="100" />
      <label for="s-agency">发布机关</label>
      <select id="s-agency" name="agency">
        <option value="">全部</option>
        ${agencies.map((a) => html`<option value="${a.id}" ${a.id === query.agency ? raw('selected') : ''}>${a.name}</option>`)}
      </select>
      <label for="s-catalogue">栏目代码（选填）</label>
      <input id="s-catalogue" name="catalogue" value="${query.catalogue}" maxlength="40" />
      <label for="s-year">年份（选填）</label>
      <input id="s-year" name="year" inputmode="numeric" value="${query.year}" maxlength="4" />
      <label for="s-doc">文号（选填）</label>
      <input id="s-doc" name="docNumber" value="${query.docNumber}" maxlength="60" />
      <button type="submit">检索</button>
    </form>
    ${
      result === null
        ? ''
        : html`<h2>检索结果</h2>
            <p role="status">
              ${
                result.total === 0
                  ? '没有找到相关信息。'
                  : `找到${result.totalIsExact ? '' : '超过'}${result.total}条相关信息${result.relaxed ? '（已放宽为各词分别出现）' : ''}。`
              }
            </p>
            <ol class="results">
              ${result.hits.map(
                (h) =>
                  html`<li>
                    <h3><a href="${h.url}">${raw(h.titleHtml)}</a></h3>
                    <p>
                      ${raw(h.snippetHtml)}${h.snippetAttachment ? html`<span class="muted">（附件：${h.snippetAttachment}）</span>` : ''}
                    </p>
                    <p class="muted">${h.docNumber ? `${h.docNumber} · ` : ''}${h.indexNumber} · ${h.publishedDate}</p>
                  </li>`,
              )}
            </ol>
            ${pager(result.page, result.pageCount, href)}`
    }`;
}
