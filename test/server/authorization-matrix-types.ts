import type { Role } from '../../src/core/platform/roles.ts';
import type { TestApp } from './test-app.ts';

/** One demo login per role; all business roles sit in 荣巷街道, the administrators at the district. */
export const loginOf: Record<Role, string> = {
  sysadmin: 'admin',
  secadmin: 'security',
  auditadmin: 'auditor',
  supervisor: 'jiandu',
  handler: 'rongxiang.chengban',
  reviewer: 'rongxiang.shenhe',
  head: 'rongxiang.fuze',
};
export const roles = Object.keys(loginOf) as Role[];
export const ALL = roles;
export const BUSINESS: Role[] = ['handler', 'reviewer', 'head', 'supervisor'];

export interface Ids {
  own: string;
  other: string;
  city: string;
  district: string;
  userOwn: string;
  userOther: string;
  /** Pending requests filed by the system administrator: approvable by the security administrator only. */
  requestToApprove: string;
  requestToReject: string;
  apiRequestToApprove: string;
  apiRequestToReject: string;
  /** Ids a domain's section made in its setup (a case of the own agency, one of another …), by its own keys. */
  extra: Record<string, string>;
}

export interface Row {
  /** The registered route (method + Hono path), to prove every route is in the table. */
  route: string;
  url: (ids: Ids) => string;
  body?: (ids: Ids, t: TestApp) => Promise<Record<string, unknown>> | Record<string, unknown>;
  allowed: Role[];
  /**
   * What a role not in `allowed` gets: 403 by default. A record of another agency may instead be 404 — its
   * existence is not revealed — where the domain decides so (cases).
   */
  refusedWith?: number[];
  /** Sign in again first (the row before ended the session). */
  relogin?: boolean;
}

/**
 * A domain's part of the matrix, in its own folder (test/<domain>/<domain>-authorization.ts) and listed once in
 * authorization-sections.ts: its staff routes × every role, the public routes it adds, and the records its rows
 * need (made once per app, before any row runs).
 */
export interface MatrixSection {
  name: string;
  rows: Row[];
  publicRoutes?: string[];
  setup?: (t: TestApp, ids: Ids) => Promise<Record<string, string>>;
}
