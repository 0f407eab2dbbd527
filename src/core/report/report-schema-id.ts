/**
 * The `schema` value of every report JSON. Its own module so that code which only builds reports (the readers'
 * empty report) does not load zod with report-schema.ts: a CLI check of a published report starts without it.
 */
export const REPORT_SCHEMA_ID = 'gongkai.report/1';
