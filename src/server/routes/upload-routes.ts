import type { UploadRoute } from '../http/uploads/upload-route.ts';
import { caseApplyUploadRoute } from './cases/case-portal-routes.ts';
import { caseFilesUploadRoute } from './cases/staff-case-routes.ts';
import { publicationUploadRoutes } from './publication/publication-upload-routes.ts';
import { reportUploadRoutes } from './reports/report-upload-routes.ts';

/**
 * Every route of the app that receives files, gathered from the domains (e.g. application attachments from
 * routes/cases, item attachments from routes/publication, report imports from routes/reports). A domain adds its
 * list here; createApp registers them with their own streamed limits. Tests may pass their own list instead.
 */
export function appUploadRoutes(): UploadRoute[] {
  return [caseApplyUploadRoute(), caseFilesUploadRoute(), ...publicationUploadRoutes(), ...reportUploadRoutes()];
}
