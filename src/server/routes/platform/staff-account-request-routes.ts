import { Hono } from 'hono';
import { approveAccountRequest } from '../../../use-cases/platform/approve-account-request.ts';
import { listAccountRequests } from '../../../use-cases/platform/list-account-requests.ts';
import { rejectAccountRequest } from '../../../use-cases/platform/reject-account-request.ts';
import type { AppEnv } from '../../app-env.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import { accountRequestListPage, codeHandoverPage } from '../../views/platform/account-request-pages.ts';

/** 待批准申请: the second administrator's side of dual control (dual-control.ts). */
export function staffAccountRequestRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const rows = await listAccountRequests(useCaseContext(c));
    const flash = c.req.query('approved') ? '已批准，变更已生效。' : c.req.query('rejected') ? '已处理。' : undefined;
    const chrome = chromeFor(c, '待批准申请', 'staff', 'requests');
    return renderPage(c, chrome, accountRequestListPage(rows, chrome.csrfToken, flash));
  });

  app.post('/:id/approve', async (c) => {
    const ctx = useCaseContext(c);
    const r = await approveAccountRequest(ctx, c.req.param('id'));
    if (!r.codePart2) return c.redirect('/staff/account-requests?approved=1', 303);
    const requester = r.request.requester_role === 'secadmin' ? '安全管理员' : '系统管理员';
    const page = codeHandoverPage({
      title: '已批准',
      notice:
        r.kind === 'reset'
          ? `已批准账号 ${r.login} 的密码重置：原密码已失效，该用户的所有会话已结束。`
          : `已批准账号 ${r.login} 的创建，角色已生效。`,
      login: r.login,
      part: 2,
      code: r.codePart2,
      otherHolder: `发起申请的${requester}`,
      validity: `激活码${r.kind === 'reset' ? ctx.security.resetCodeHours : ctx.security.activationCodeHours}小时内有效。`,
    });
    return renderPage(c, chromeFor(c, '已批准', 'staff', 'requests'), page);
  });

  app.post('/:id/reject', async (c) => {
    await rejectAccountRequest(useCaseContext(c), c.req.param('id'));
    return c.redirect('/staff/account-requests?rejected=1', 303);
  });

  return app;
}
