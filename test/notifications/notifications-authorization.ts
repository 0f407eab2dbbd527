import { ALL, type MatrixSection } from '../server/authorization-matrix-types.ts';

/** Notifications in the authorization matrix: everyone signed in reads and marks their own (docs/notifications.md). */
export const notificationsAuthorization: MatrixSection = {
  name: 'notifications',
  rows: [
    { route: 'GET /staff/notifications', url: () => '/staff/notifications', allowed: ALL },
    {
      route: 'POST /staff/notifications/:id/read',
      url: () => '/staff/notifications/no-such-notification/read',
      body: () => ({}),
      allowed: ALL,
    },
    {
      route: 'POST /staff/notifications/read-all',
      url: () => '/staff/notifications/read-all',
      body: () => ({}),
      allowed: ALL,
    },
  ],
};
