import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrateToLatest } from '../../src/db/migrate-to-latest.ts';
import {
  findAgency,
  listAgencies,
  updateAgencyVersioned,
} from '../../src/db/repositories/platform/agency-repository.ts';
import { auditBatch } from '../../src/db/repositories/platform/audit-repository.ts';
import { insertSubmissionOnce } from '../../src/db/repositories/platform/submission-repository.ts';
import { listUsers } from '../../src/db/repositories/platform/user-repository.ts';
import { isValidCreditCode } from '../../src/core/platform/credit-code.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';
import { createTestDatabase, testDialects, type TestDatabase } from './test-databases.ts';

const clock = () => new Date('2026-11-20T02:00:00.000Z');

for (const dialect of testDialects()) {
  describe(`repositories (${dialect})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
      const r = await prepareDatabase(t.open, clock, { demo: true, auditKeys: t.auditKeys });
      assert.equal(r.kind, 'demo');
    });
    after(() => t.dispose());

    test('migrations are idempotent and a second start does not seed again', async () => {
      assert.deepEqual(await migrateToLatest(t.open.db, dialect), []);
      const r = await prepareDatabase(t.open, clock, { demo: true, auditKeys: t.auditKeys });
      assert.equal(r.kind, 'existing');
    });

    test('demo agencies form a tree with valid 统一社会信用代码 and are marked demo', async () => {
      const rows = await listAgencies(t.open.db);
      assert.ok(rows.length >= 8);
      for (const a of rows) {
        assert.ok(isValidCreditCode(a.code), a.code);
        assert.equal(a.is_demo, 1);
        if (a.parent_id) assert.ok(a.path.startsWith(rows.find((p) => p.id === a.parent_id)!.path));
      }
    });

    test('subtree filter returns the district and its children only', async () => {
      const rows = await listAgencies(t.open.db);
      const district = rows.find((a) => a.kind === 'district')!;
      const sub = await listAgencies(t.open.db, { kind: 'subtree', path: district.path });
      assert.equal(sub.length, rows.length - 1);
      assert.ok(!sub.some((a) => a.kind === 'city'));
      const users = await listUsers(t.open.db, {
        kind: 'agency',
        agencyId: rows.find((a) => a.name.includes('荣巷'))!.id,
      });
      assert.deepEqual(users.map((u) => u.login).sort(), ['rongxiang.chengban', 'rongxiang.fuze', 'rongxiang.shenhe']);
    });

    test('versioned update: stale version writes nothing', async () => {
      const a = (await listAgencies(t.open.db))[0]!;
      const ok = await updateAgencyVersioned(t.open.db, a.id, a.version, { phone: '0510-11111111' });
      assert.equal(ok?.version, a.version + 1);
      const stale = await updateAgencyVersioned(t.open.db, a.id, a.version, { phone: '0510-22222222' });
      assert.equal(stale, undefined);
      assert.equal((await findAgency(t.open.db, a.id))?.phone, '0510-11111111');
    });

    test('a submission is stored once per idempotency key', async () => {
      const agency = (await listAgencies(t.open.db))[0]!;
      const row = {
        id: crypto.randomUUID(),
        idempotency_key: 'key-aaaaaaaaaaaaaaaa',
        agency_id: agency.id,
        kind: 'message',
        page_url: '',
        content: '测试内容',
        contact_name: '',
        contact: '',
        status: 'new',
        ip: '',
        created_at: clock().toISOString(),
      };
      const first = await insertSubmissionOnce(t.open.db, row);
      const second = await insertSubmissionOnce(t.open.db, { ...row, id: crypto.randomUUID(), content: '另一内容' });
      assert.equal(first.created, true);
      assert.equal(second.created, false);
      assert.equal(second.row.id, first.row.id);
      assert.equal(second.row.content, '测试内容');
    });

    test('seeding wrote one audit entry per record, none with a password hash', async () => {
      const entries = await auditBatch(t.open.db, 0, 1000);
      assert.ok(entries.length >= 8 + 16);
      assert.ok(entries.every((e) => !(e.after_json ?? '').includes('scrypt$')));
    });
  });
}
