import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from './actor.ts';
import { can, scopeOf } from './policy.ts';
import type { Role } from './roles.ts';

const actor = (roles: Role[], agencyId = 'b', agencyPath = '/a/b/'): Actor => ({
  id: 'u',
  login: 'u',
  displayName: 'U',
  agencyId,
  agencyPath,
  roles,
});
const own = { agencyId: 'b', agencyPath: '/a/b/' };
const child = { agencyId: 'c', agencyPath: '/a/b/c/' };
const sibling = { agencyId: 'x', agencyPath: '/a/x/' };
const parent = { agencyId: 'a', agencyPath: '/a/' };

test('handler: own agency only', () => {
  assert.equal(can(actor(['handler']), 'submission.read', own), true);
  assert.equal(can(actor(['handler']), 'submission.read', child), false);
  assert.equal(can(actor(['handler']), 'submission.read', sibling), false);
});

test('supervisor: own subtree, never the parent or a sibling', () => {
  const s = actor(['supervisor']);
  assert.equal(can(s, 'agency.read', child), true);
  assert.equal(can(s, 'agency.read', parent), false);
  assert.equal(can(s, 'agency.read', sibling), false);
  assert.equal(can(s, 'agency.update', child), false);
});

test('path prefix needs the trailing slash: /a/b/ does not cover /a/bb/', () => {
  assert.equal(can(actor(['supervisor']), 'agency.read', { agencyId: 'bb', agencyPath: '/a/bb/' }), false);
});

test('audit administrator reads the audit log and nothing else', () => {
  const a = actor(['auditadmin']);
  assert.equal(can(a, 'audit.read'), true);
  assert.equal(can(a, 'agency.read', own), false);
  assert.equal(can(a, 'user.read', own), false);
  assert.equal(can(actor(['sysadmin']), 'audit.read'), false);
});

test('widest scope of several roles wins; nobody without a role', () => {
  assert.equal(scopeOf(actor(['handler', 'supervisor']), 'submission.read'), 'subtree');
  assert.equal(can(null, 'dashboard.view', own), false);
  assert.equal(can(actor([]), 'dashboard.view', own), false);
});

test('approving account requests: system and security administrators in their subtree, nobody else', () => {
  assert.equal(can(actor(['sysadmin']), 'user.approveRequest', child), true);
  assert.equal(can(actor(['secadmin']), 'user.approveRequest', child), true);
  assert.equal(can(actor(['secadmin']), 'user.approveRequest', sibling), false);
  for (const r of ['auditadmin', 'handler', 'reviewer', 'head', 'supervisor'] as Role[])
    assert.equal(can(actor([r]), 'user.approveRequest', own), false, r);
});
