import { html } from 'hono/html';
import { defaultMessages, type ErrorCode } from '../../core/platform/app-error.ts';
import { errorStatus } from '../error-status.ts';
import type { ApiOperation } from '../routes/api-operations.ts';
import type { Html } from './layout.ts';

/** /api/docs: the operations listed server-side (no CDN, no Swagger UI bundle — the site runs offline). */
export function apiDocsPage(ops: ApiOperation[]): Html {
  return html`<h1>接口文档（/api/v1）</h1>
    <p>
      机器可读的 OpenAPI 3.1 描述：<a href="/api/openapi.json">/api/openapi.json</a>。认证方式：登录后使用会话
      Cookie；所有修改类请求须在 <code>X-CSRF-Token</code> 头中带登录时返回的 <code>csrfToken</code>。修改记录须带
      <code>version</code>，版本过期返回 409。
    </p>
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">方法</th>
            <th scope="col">路径</th>
            <th scope="col">说明</th>
            <th scope="col">认证</th>
            <th scope="col">权限</th>
          </tr>
        </thead>
        <tbody>
          ${ops.map(
            (o) =>
              html`<tr>
                <td class="mono">${o.method.toUpperCase()}</td>
                <td class="mono">${o.path}</td>
                <td>${o.summary}</td>
                <td>${o.auth === 'public' ? '公开' : '需登录'}</td>
                <td class="mono">${o.permission ?? '—'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <h2>错误码</h2>
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">错误码</th>
            <th scope="col">HTTP 状态</th>
            <th scope="col">默认提示</th>
          </tr>
        </thead>
        <tbody>
          ${(Object.keys(errorStatus) as ErrorCode[]).map(
            (c) =>
              html`<tr>
                <td class="mono">${c}</td>
                <td>${errorStatus[c]}</td>
                <td>${defaultMessages[c]}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}
