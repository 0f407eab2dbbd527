import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Actor } from '../../core/platform/actor.ts';
import { can, scopeOf } from '../../core/platform/policy.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface Chrome {
  title: string;
  /** Path of this page (for the font-size/contrast links to come back to). */
  path: string;
  fontSize: 's' | 'm' | 'l';
  highContrast: boolean;
  area: 'portal' | 'staff';
  actor: Actor | null;
  csrfToken: string;
  /** Which nav entry is current. */
  current?: string;
  /** Demo data is loaded: the banner says so on every page, portal and back office. */
  demo: boolean;
  /** Staff pages: unread notifications of the signed-in person (the bell). */
  unread?: number;
  /** The government whose portal this is (the root agency's name), shown in the portal's header. */
  government?: string;
}

export const cssHref = '/static/site.css?v=3';

export function layout(chrome: Chrome, body: Html): Html {
  const classes = [chrome.fontSize === 'm' ? '' : `fs-${chrome.fontSize}`, chrome.highContrast ? 'hc' : '']
    .filter(Boolean)
    .join(' ');
  const siteName = chrome.area === 'staff' ? '政府信息公开工作平台' : `${chrome.government ?? ''}政府信息公开`;
  return html`<!doctype html>
    <html lang="zh-CN" ${classes ? raw(` class="${classes}"`) : ''}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${chrome.title} - ${siteName}</title>
        <link rel="stylesheet" href="${cssHref}" />
      </head>
      <body>
        <a class="skip-link" href="#main">跳到主要内容</a>
        <header class="topbar" role="banner">
          ${chrome.demo ? demoBanner : ''}
          <div class="wrap">
            <a class="brand" href="${chrome.area === 'staff' ? '/staff' : '/'}"
              >${siteName}<small>${chrome.area === 'staff' ? '工作人员后台' : '政府信息公开专栏'}</small></a
            >
            ${prefsBar(chrome)}
          </div>
        </header>
        ${chrome.area === 'staff' ? staffNav(chrome) : portalNav(chrome)}
        <main id="main" tabindex="-1">${body}</main>
        <footer role="contentinfo">
          <div class="wrap">Gongkai 政府信息公开工作平台 · 依据《中华人民共和国政府信息公开条例》</div>
        </footer>
      </body>
    </html>`;
}

const demoBanner = html`<div class="demo-banner" role="note">
  <div class="wrap">
    <strong>演示环境</strong
    >：本站载入的是演示数据（无锡市滨湖区），机构信息和账号均为虚构，演示账号的密码是公开的。请勿录入真实信息，勿用于生产。
  </div>
</div>`;

function prefsBar(chrome: Chrome): Html {
  const back = encodeURIComponent(chrome.path);
  const size = (v: 's' | 'm' | 'l', label: string) =>
    html`<a
      href="/prefs?fs=${v}&amp;back=${back}"
      aria-current="${chrome.fontSize === v ? 'true' : 'false'}"
      aria-label="${label}字号"
      >${label}</a
    >`;
  return html`<div class="prefs" aria-label="阅读设置">
    字号：${size('l', '大')}${size('m', '中')}${size('s', '小')}
    <a href="/prefs?hc=${chrome.highContrast ? '0' : '1'}&amp;back=${back}"
      >${chrome.highContrast ? '标准模式' : '高对比度'}</a
    >
  </div>`;
}

function navItem(href: string, label: string, key: string, current?: string): Html {
  return html`<li><a href="${href}" ${current === key ? raw(' aria-current="page"') : ''}>${label}</a></li>`;
}

function portalNav(chrome: Chrome): Html {
  return html`<nav class="main-nav" aria-label="主导航">
    <div class="wrap">
      <ul>
        ${navItem('/', '首页', 'home', chrome.current)} ${navItem('/search', '信息检索', 'search', chrome.current)}
        ${navItem('/apply/track', '申请进度查询', 'track', chrome.current)}
        ${navItem('/feedback', '留言与纠错', 'feedback', chrome.current)}
        ${navItem('/reports', '政府信息公开年报', 'reports', chrome.current)}
        ${navItem('/staff/login', '工作人员登录', 'login', chrome.current)}
      </ul>
    </div>
  </nav>`;
}

/** The bell: 通知 with the number of unread ones, said in words for screen readers. */
function notificationsItem(chrome: Chrome): Html {
  const n = chrome.unread ?? 0;
  return html`<li>
    <a
      href="/staff/notifications"
      ${chrome.current === 'notifications' ? raw(' aria-current="page"') : ''}
      aria-label="${n > 0 ? `通知，${n}条未读` : '通知，没有未读'}"
      >通知${n > 0 ? html`<span class="badge">${n > 99 ? '99+' : n}</span>` : ''}</a
    >
  </li>`;
}

function staffNav(chrome: Chrome): Html {
  const a = chrome.actor;
  if (!a) {
    return html`<nav class="main-nav" aria-label="主导航">
      <div class="wrap">
        <ul>
          ${navItem('/', '返回门户', 'portal')}
        </ul>
      </div>
    </nav>`;
  }
  return html`<nav class="main-nav" aria-label="主导航">
    <div class="wrap">
      <ul>
        ${navItem('/staff', '本机构工作台', 'dashboard', chrome.current)}
        ${scopeOf(a, 'case.read') ? navItem('/staff/cases', '依申请公开', 'cases', chrome.current) : ''}
        ${scopeOf(a, 'publication.read') ? navItem('/staff/publication', '主动公开', 'publication', chrome.current) : ''}
        ${scopeOf(a, 'submission.read') ? navItem('/staff/submissions', '留言与纠错', 'submissions', chrome.current) : ''}
        ${scopeOf(a, 'agency.read') || scopeOf(a, 'agency.updateGuide') ? navItem('/staff/agencies', '机构管理', 'agencies', chrome.current) : ''}
        ${scopeOf(a, 'user.read') ? navItem('/staff/users', '用户管理', 'users', chrome.current) : ''}
        ${scopeOf(a, 'user.approveRequest') ? navItem('/staff/account-requests', '待批准申请', 'requests', chrome.current) : ''}
        ${can(a, 'audit.read') ? navItem('/staff/audit', '审计日志', 'audit', chrome.current) : ''}
        ${scopeOf(a, 'report.read') ? navItem('/staff/reports', '年度报告', 'reports', chrome.current) : ''}
        ${scopeOf(a, 'report.review') ? navItem('/staff/supervision', '年报监督', 'supervision', chrome.current) : ''}
        ${scopeOf(a, 'calendar.manage') ? navItem('/staff/calendar', '工作日历', 'calendar', chrome.current) : ''}
        ${scopeOf(a, 'noticeTemplate.read') ? navItem('/staff/notice-templates', '文书模板', 'noticeTemplates', chrome.current) : ''}
        ${notificationsItem(chrome)} ${navItem('/staff/password', '修改密码', 'password', chrome.current)}
        <li>
          <form method="post" action="/staff/logout">
            <input type="hidden" name="_csrf" value="${chrome.csrfToken}" /><button class="linklike" type="submit">
              退出登录（${a.displayName}）
            </button>
          </form>
        </li>
      </ul>
    </div>
  </nav>`;
}
