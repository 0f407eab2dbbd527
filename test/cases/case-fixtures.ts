import { submitOnlineApplication } from '../../src/use-cases/cases/create-case.ts';
import { defaultSecurity, type UseCaseContext } from '../../src/use-cases/platform/context.ts';
import type { TestApp } from '../server/test-app.ts';

let serial = 0;

/** The use-case context of a test app for the public (no actor). */
export function publicContext(t: TestApp): UseCaseContext {
  return {
    db: t.database.open.db,
    clock: t.deps.clock,
    actor: null,
    ip: '203.0.113.9',
    security: defaultSecurity,
    auditKeys: t.deps.auditKeys,
    dataKeys: t.deps.dataKeys,
  };
}

/** An online application to `agencyId` (a valid natural person); returns the case id, code and secret. */
export async function createCaseIn(t: TestApp, agencyId: string, overrides: Record<string, string> = {}) {
  serial++;
  const r = await submitOnlineApplication(publicContext(t), {
    agencyId,
    applicantType: 'natural',
    name: '测试申请人',
    organisation: '',
    idType: 'residentId',
    idNumber: '11010519491231002X',
    phone: '13900000000',
    email: '',
    address: '',
    postcode: '',
    description: `测试申请的政府信息第${serial}号`,
    formWanted: 'electronic',
    deliveryWanted: 'online',
    idempotencyKey: `fixture-${serial}-${Date.now()}-abcdef`,
    ...overrides,
  });
  return { id: r.caseId, code: r.trackingCode, secret: r.secret! };
}
