import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from './actor.ts';
import { normalizeCodePart, formatCodePart } from './activation-code.ts';
import {
  approvalProblem,
  approverRoleFor,
  changeNeedsApproval,
  credentialNeedsApproval,
  grantNeedsSecondAdministrator,
} from './dual-control.ts';
import { allRoles, type Role } from './roles.ts';
import { isThrottled, defaultThrottleLimits, throttleAddress } from './login-throttle.ts';

const admin = (id: string, role: Role): Actor => ({
  id,
  login: id,
  displayName: id,
  agencyId: 'a',
  agencyPath: '/a/',
  roles: [role],
});

test('every role of today reads citizens’ or audit data or administers: granting it needs two administrators', () => {
  for (const r of allRoles) assert.equal(grantNeedsSecondAdministrator(r), true, r);
});

test('adding a role or moving a role holder needs approval; taking roles away does not', () => {
  const h = { roles: ['handler'] as Role[], agencyId: 'x' };
  assert.equal(changeNeedsApproval(h, { roles: ['handler', 'supervisor'], agencyId: 'x' }), true);
  assert.equal(changeNeedsApproval(h, { roles: ['handler'], agencyId: 'y' }), true, 'another agency’s data');
  assert.equal(changeNeedsApproval({ roles: ['handler', 'reviewer'], agencyId: 'x' }, h), false);
  assert.equal(changeNeedsApproval(h, h), false);
  assert.equal(credentialNeedsApproval(['handler']), true);
});

test('the approver is always the other kind, never the requester nor the account itself', () => {
  assert.equal(approverRoleFor('sysadmin'), 'secadmin');
  assert.equal(approverRoleFor('secadmin'), 'sysadmin');
  const req = { requestedBy: 'admin1', requesterRole: 'sysadmin', userId: 'u' };
  assert.equal(approvalProblem(req, admin('sec1', 'secadmin')), null);
  assert.match(approvalProblem(req, admin('admin1', 'sysadmin')) ?? '', /不得批准本人发起/);
  assert.match(approvalProblem(req, admin('admin2', 'sysadmin')) ?? '', /须由安全管理员批准/);
  assert.match(approvalProblem(req, admin('aud', 'auditadmin')) ?? '', /须由安全管理员批准/);
  assert.match(approvalProblem({ ...req, userId: 'sec1' }, admin('sec1', 'secadmin')) ?? '', /本人账号/);
  const bySec = { requestedBy: 'sec1', requesterRole: 'secadmin', userId: 'u' };
  assert.equal(approvalProblem(bySec, admin('admin1', 'sysadmin')), null);
  assert.match(approvalProblem(bySec, admin('sec2', 'secadmin')) ?? '', /须由系统管理员批准/);
});

test('activation code halves: typed loosely, read strictly', () => {
  assert.equal(normalizeCodePart('abcd-efgh-jkmn'), 'ABCDEFGHJKMN');
  assert.equal(normalizeCodePart(' 0o1l i234 5678 '), '001112345678');
  assert.equal(normalizeCodePart('ABCD-EFGH-JKM'), null, 'too short');
  assert.equal(normalizeCodePart('ABCD-EFGH-JKMU'), null, 'U is not in the alphabet');
  assert.equal(formatCodePart('ABCDEFGHJKMN'), 'ABCD-EFGH-JKMN');
});

test('throttle: the sixth failure for a name from one address, the 31st from one address', () => {
  assert.equal(isThrottled({ addressAndLogin: 5, address: 5 }, defaultThrottleLimits), false);
  assert.equal(isThrottled({ addressAndLogin: 6, address: 6 }, defaultThrottleLimits), true);
  assert.equal(isThrottled({ addressAndLogin: 1, address: 30 }, defaultThrottleLimits), false);
  assert.equal(isThrottled({ addressAndLogin: 1, address: 31 }, defaultThrottleLimits), true);
});

test('throttle address: an IPv6 /64 counts as one address (one subscriber), IPv4 as itself', () => {
  assert.equal(throttleAddress('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
  assert.equal(throttleAddress('2001:0db8:0001:0002:ffff:1:2:3'), '2001:db8:1:2::/64');
  assert.equal(throttleAddress('2001:db8::1'), '2001:db8:0:0::/64');
  assert.equal(throttleAddress('::ffff:192.0.2.7'), '192.0.2.7', 'IPv4-mapped');
  assert.equal(throttleAddress('192.0.2.7'), '192.0.2.7');
  assert.equal(throttleAddress('::1'), '0:0:0:0::/64');
  assert.equal(throttleAddress('local'), 'local');
});
