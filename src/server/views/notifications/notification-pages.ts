import { html } from 'hono/html';
import type { NotificationRow } from '../../../db/schema.ts';
import { csrfField } from '../form-parts.ts';
import type { Html } from '../layout.ts';
import { beijingTime } from '../platform/staff-pages.ts';

export function notificationsPage(rows: NotificationRow[], csrf: string, flash?: string): Html {
  const unread = rows.filter((r) => r.read_at === null).length;
  return html`<h1>通知</h1>
    ${flash ? html`<div class="notice ok" role="status">${flash}</div>` : ''}
    <p>${unread > 0 ? `有 ${unread} 条未读通知。` : '没有未读通知。'}显示最近100条。</p>
    ${
      unread > 0
        ? html`<form method="post" action="/staff/notifications/read-all">
            ${csrfField(csrf)}<button type="submit">全部标为已读</button>
          </form>`
        : ''
    }
    ${
      rows.length === 0
        ? html`<p class="muted">暂无通知。</p>`
        : html`<ul class="notifications">
            ${rows.map(
              (n) =>
                html`<li>
                  <h2>${n.read_at === null ? html`<strong>【未读】</strong>` : ''}${n.subject}</h2>
                  <p class="muted">${beijingTime(n.created_at)}</p>
                  <p>${n.body}</p>
                  ${n.link ? html`<p><a href="${n.link}">查看</a></p>` : ''}
                  ${
                    n.read_at === null
                      ? html`<form method="post" action="/staff/notifications/${n.id}/read">
                          ${csrfField(csrf)}<button type="submit" class="linklike">标为已读</button>
                        </form>`
                      : ''
                  }
                </li>`,
            )}
          </ul>`
    }`;
}
