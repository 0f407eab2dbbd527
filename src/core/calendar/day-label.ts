import type { DayInfo, DayKind } from './working-calendar.ts';

/** How a person reads the kind of day: 周末 / 春节 / 调休上班（国庆节） / 停止办公（台风） / 工作日. */
export function dayLabel(info: Pick<DayInfo, 'kind' | 'name'>): string {
  switch (info.kind) {
    case 'workday':
      return '工作日';
    case 'weekend':
      return '周末';
    case 'holiday':
      return info.name ?? '法定节假日';
    case 'makeUpWorkday':
      return `调休上班（${info.name ?? '法定节假日'}）`;
    case 'localClosure':
      return `停止办公（${info.name ?? '本机关通知'}）`;
  }
}

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '法定节假日',
  makeUpWorkday: '调休上班',
  localClosure: '本机关停止办公',
};
