import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../../core/platform/app-error.ts';
import { calendarOverview, noticeFormData } from '../../../use-cases/calendar/calendar-overview.ts';
import {
  holidayNoticeInput,
  localClosureInput,
  withdrawNoticeInput,
} from '../../../use-cases/calendar/calendar-input.ts';
import { addLocalClosure, withdrawLocalClosure } from '../../../use-cases/calendar/local-closures.ts';
import { previewHolidayNotice } from '../../../use-cases/calendar/preview-holiday-notice.ts';
import { saveHolidayNotice, withdrawHolidayNotice } from '../../../use-cases/calendar/save-holiday-notice.ts';
import type { AppEnv } from '../../app-env.ts';
import { formFailure } from '../../http/form-failure.ts';
import { formObject, parseInput } from '../../http/parse-input.ts';
import { chromeFor, renderPage } from '../../http/render.ts';
import { useCaseContext } from '../../http/use-case-context.ts';
import { calendarOverviewPage, noticeFormPage, noticePreviewPage } from '../../views/calendar/calendar-pages.ts';
import { emptyForm, type FormState } from '../../views/form-parts.ts';

const yearQuery = z.object({
  year: z.number().int().min(2004, '年份：须为2004至2100之间的整数').max(2100, '年份：须为2004至2100之间的整数'),
});

/** After a change: the overview with what happened; a failed recomputation is said, not hidden. */
function doneLocation(what: string, hookFailures: string[]): string {
  return `/staff/calendar?done=${what}${hookFailures.length > 0 ? '&recompute=failed' : ''}`;
}

const flashes: Record<string, string> = {
  notice: '节假日安排已保存。',
  withdrawn: '已撤销该年录入，恢复系统内置数据。',
  closure: '停止办公已登记。',
  closureWithdrawn: '停止办公已撤销。',
};

/**
 * /staff/calendar — the working-day calendar's administration (docs/calendar.md): State Council notices (root
 * system administrator), local closures (system administrators, for their subtree), history.
 */
export function staffCalendarRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function overview(c: Context<AppEnv>, closureForm: FormState = emptyForm, status: ContentfulStatusCode = 200) {
    const o = await calendarOverview(useCaseContext(c));
    const chrome = chromeFor(c, '工作日历', 'staff', 'calendar');
    let flash = flashes[c.req.query('done') ?? ''];
    if (flash && c.req.query('recompute') === 'failed')
      flash += '但重新计算在办案件的期限时出错，已记入审计日志，请联系运维人员。';
    return renderPage(c, chrome, calendarOverviewPage(o, chrome.csrfToken, flash, closureForm), status);
  }

  async function noticeForm(c: Context<AppEnv>, year: number, state: FormState, status: ContentfulStatusCode = 200) {
    const data = await noticeFormData(useCaseContext(c), year);
    const chrome = chromeFor(c, `${year}年节假日安排`, 'staff', 'calendar');
    const filled: FormState = {
      ...state,
      values: { source: data.source, daysOff: data.daysOff, makeUpDays: data.makeUpDays, ...state.values },
    };
    return renderPage(c, chrome, noticeFormPage(data, filled, chrome.csrfToken), status);
  }

  app.get('/', (c) => overview(c));

  app.get('/notices', async (c) => {
    const { year } = parseInput(yearQuery, c.req.query());
    return noticeForm(c, year, emptyForm);
  });

  /** Back from the preview with what was typed. */
  app.post('/notices/edit', async (c) => {
    const values = formObject(await c.req.parseBody());
    const { year } = parseInput(yearQuery, values);
    return noticeForm(c, year, { values, errors: {} });
  });

  app.post('/notices/preview', async (c) => {
    const values = formObject(await c.req.parseBody());
    const { year } = parseInput(yearQuery, values);
    try {
      const preview = await previewHolidayNotice(useCaseContext(c), parseInput(holidayNoticeInput, values));
      const chrome = chromeFor(c, `${year}年节假日安排：预览`, 'staff', 'calendar');
      return renderPage(c, chrome, noticePreviewPage(preview, values, chrome.csrfToken));
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return noticeForm(c, year, state, status);
    }
  });

  app.post('/notices', async (c) => {
    const values = formObject(await c.req.parseBody());
    const { year } = parseInput(yearQuery, values);
    try {
      const r = await saveHolidayNotice(useCaseContext(c), parseInput(holidayNoticeInput, values));
      return c.redirect(doneLocation('notice', r.hookFailures), 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return noticeForm(c, year, state, status);
    }
  });

  app.post('/notices/:year/withdraw', async (c) => {
    const { year } = parseInput(yearQuery, { year: c.req.param('year') });
    const { revision } = parseInput(withdrawNoticeInput, formObject(await c.req.parseBody()));
    const r = await withdrawHolidayNotice(useCaseContext(c), year, revision);
    return c.redirect(doneLocation('withdrawn', r.hookFailures), 303);
  });

  app.post('/closures', async (c) => {
    const values = formObject(await c.req.parseBody());
    try {
      const r = await addLocalClosure(useCaseContext(c), parseInput(localClosureInput, values));
      return c.redirect(doneLocation('closure', r.hookFailures), 303);
    } catch (e) {
      const { state, status } = formFailure(e, values);
      return overview(c, state, status);
    }
  });

  app.post('/closures/:id/withdraw', async (c) => {
    const id = c.req.param('id');
    if (id.length > 64) throw new AppError('NOT_FOUND', '未找到该停止办公记录');
    const r = await withdrawLocalClosure(useCaseContext(c), id);
    return c.redirect(doneLocation('closureWithdrawn', r.hookFailures), 303);
  });

  return app;
}
