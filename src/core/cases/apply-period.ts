/** 延长答复期限 (第三十三条第二款) and 延迟答复 (第三十五条). */
import { badDate, dueBefore, refuse, warn, type Step } from './apply-context.ts';
import type { CaseEvent } from './case-event.ts';
import type { Refusal } from './case-refusal.ts';
import { MAX_EXTENSION_DAYS } from './case-state.ts';

function running(step: Step): Refusal | undefined {
  if (step.state.status === 'awaitingCorrection')
    return refuse(step, 'NOT_IN_PROGRESS', '待补正期间答复期限尚未起算，不能延长或推迟');
  return undefined;
}

export function extend(step: Step, event: CaseEvent & { type: 'extended' }): Refusal | undefined {
  const { state } = step;
  const notRunning = running(step);
  if (notRunning) return notRunning;
  if (state.extension)
    return refuse(
      step,
      'EXTENSION_TWICE',
      `答复期限只能延长一次（第三十三条），本申请已于${state.extension.approvedOn}延长${state.extension.days}个工作日`,
    );
  if (!Number.isInteger(event.days) || event.days < 1)
    return refuse(step, 'INVALID_FIELD', '延长天数：须为1至20之间的整数（工作日）', 'days');
  if (event.days > MAX_EXTENSION_DAYS)
    return refuse(
      step,
      'EXTENSION_TOO_LONG',
      `延长天数：延长的期限最长不得超过20个工作日（第三十三条），填写的是${event.days}个`,
      'days',
    );
  if (typeof event.approvedBy !== 'string' || event.approvedBy.trim() === '')
    return refuse(
      step,
      'EXTENSION_NOT_APPROVED',
      '同意的负责人：延长答复期限须经政府信息公开工作机构负责人同意（第三十三条），请填写',
      'approvedBy',
    );
  const bad = badDate(step, event.noticeDate, 'noticeDate', '告知申请人日期');
  if (bad) return bad;
  if (event.noticeDate < event.date)
    return refuse(step, 'INVALID_FIELD', '告知申请人日期：不得早于负责人同意延期的日期', 'noticeDate');
  const due = dueBefore(step);
  if (due !== null && event.date > due)
    return refuse(step, 'AFTER_DUE', `答复期限已于${due}届满，不能再延长（第三十三条）；逾期答复将如实记录`);
  if (due !== null && event.noticeDate > due)
    warn(step, 'EXTENSION_NOTICE_LATE', `延期告知日期${event.noticeDate}晚于原答复期限${due}（应在期限内告知申请人）`);
  state.extension = {
    days: event.days,
    approvedOn: event.date,
    approvedBy: event.approvedBy.trim(),
    noticeDate: event.noticeDate,
  };
  return undefined;
}

export function defer(step: Step, event: CaseEvent & { type: 'deferred' }): Refusal | undefined {
  const { state } = step;
  const notRunning = running(step);
  if (notRunning) return notRunning;
  if (state.deferredUntil !== null)
    return refuse(
      step,
      'DEFERRAL_TWICE',
      `本申请已确定延迟答复期限至${state.deferredUntil}（第三十五条），不能再次推迟`,
    );
  const bad = badDate(step, event.until, 'until', '延迟答复期限');
  if (bad) return bad;
  const due = dueBefore(step);
  if (due !== null && event.date > due)
    return refuse(step, 'AFTER_DUE', `答复期限已于${due}届满，不能再确定延迟答复期限（第三十五条）`);
  if (due !== null && event.until <= due)
    return refuse(step, 'INVALID_FIELD', `延迟答复期限：须晚于现答复期限${due}`, 'until');
  state.deferredUntil = event.until;
  return undefined;
}
