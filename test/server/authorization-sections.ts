import { calendarAuthorization } from '../calendar/calendar-authorization.ts';
import { casesAuthorization } from '../cases/cases-authorization.ts';
import { publicationAuthorization } from '../publication/publication-authorization.ts';
import { notificationsAuthorization } from '../notifications/notifications-authorization.ts';
import { noticeTemplatesAuthorization } from '../notice-templates/notice-templates-authorization.ts';
import { reportsAuthorization } from '../reports/reports-authorization.ts';
import type { MatrixSection } from './authorization-matrix-types.ts';

/** Every domain's section of the authorization matrix: one line per domain. */
export const matrixSections: MatrixSection[] = [
  calendarAuthorization,
  notificationsAuthorization,
  casesAuthorization,
  publicationAuthorization,
  noticeTemplatesAuthorization,
  reportsAuthorization,
];
