import { calendarAuthorization } from '../calendar/calendar-authorization.ts';
import type { MatrixSection } from './authorization-matrix-types.ts';

/** Every domain's section of the authorization matrix: one line per domain. */
export const matrixSections: MatrixSection[] = [calendarAuthorization];
