import type { MatrixSection } from '../server/authorization-matrix-types.ts';

/**
 * The calendar's rows of the authorization matrix (test/server/authorization-matrix.test.ts): only the system
 * administrator reaches it. Bodies are incomplete on purpose — an allowed role gets a form back with errors,
 * never a change to the calendar that the other rows would then see.
 */
const incompleteNotice = { year: '2031', revision: '0', source: '', daysOff: '', makeUpDays: '' };

export const calendarAuthorization: MatrixSection = {
  name: 'calendar',
  rows: [
    { route: 'GET /staff/calendar', url: () => '/staff/calendar', allowed: ['sysadmin'] },
    { route: 'GET /staff/calendar/notices', url: () => '/staff/calendar/notices?year=2031', allowed: ['sysadmin'] },
    {
      route: 'POST /staff/calendar/notices/edit',
      url: () => '/staff/calendar/notices/edit',
      body: () => incompleteNotice,
      allowed: ['sysadmin'],
    },
    {
      route: 'POST /staff/calendar/notices/preview',
      url: () => '/staff/calendar/notices/preview',
      body: () => incompleteNotice,
      allowed: ['sysadmin'],
    },
    {
      route: 'POST /staff/calendar/notices',
      url: () => '/staff/calendar/notices',
      body: () => incompleteNotice,
      allowed: ['sysadmin'],
    },
    {
      route: 'POST /staff/calendar/notices/:year/withdraw',
      url: () => '/staff/calendar/notices/2031/withdraw',
      body: () => ({ revision: '1' }),
      allowed: ['sysadmin'],
    },
    {
      route: 'POST /staff/calendar/closures',
      url: () => '/staff/calendar/closures',
      body: () => ({ agencyId: '', from: '', to: '', reason: '' }),
      allowed: ['sysadmin'],
    },
    {
      route: 'POST /staff/calendar/closures/:id/withdraw',
      url: () => '/staff/calendar/closures/00000000-0000-4000-8000-000000000000/withdraw',
      body: () => ({}),
      allowed: ['sysadmin'],
    },
  ],
};
