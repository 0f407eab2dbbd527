import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appErrorFromDbError } from '../../src/db/db-error.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';
import { createTestDatabase, testDialects, type TestDatabase } from './test-databases.ts';

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return undefined;
}

for (const dialect of testDialects()) {
  describe(`database errors caused by input become AppErrors (${dialect})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(dialect);
      await prepareDatabase(t.open, () => new Date('2026-11-20T02:00:00Z'), { demo: true, auditKeys: t.auditKeys });
    });
    after(() => t.dispose());

    test('a UNIQUE violation is DUPLICATE naming the column as a camelCase field', async () => {
      const u = await t.open.db.selectFrom('users').selectAll().where('login', '=', 'admin').executeTakeFirstOrThrow();
      const e = await caught(
        t.open.db
          .insertInto('users')
          .values({ ...u, id: 'another-id' })
          .execute(),
      );
      const app = appErrorFromDbError(e);
      assert.equal(app?.code, 'DUPLICATE', String(e));
      assert.deepEqual(app?.fields, { login: '该登录名已被使用' });
      const key = await caught(
        t.open.db.insertInto('app_settings').values({ key: 'application', value: 'x' }).execute(),
      );
      assert.equal(appErrorFromDbError(key)?.code, 'DUPLICATE', String(key));
    });

    test('values the database cannot store are VALIDATION; other errors stay unknown', async () => {
      const nul = await caught(
        t.open.db.insertInto('app_settings').values({ key: 'nul', value: 'a\u0000b' }).execute(),
      );
      const big = await caught(
        t.open.db
          .updateTable('agencies')
          .set({ version: 2 ** 40 })
          .where('id', '=', 'x')
          .execute(),
      );
      if (dialect === 'postgres') {
        assert.equal(appErrorFromDbError(nul)?.code, 'VALIDATION', String(nul));
        assert.equal(appErrorFromDbError(big)?.code, 'VALIDATION', String(big));
      } else {
        // SQLite stores both; the edge's validation is what refuses them there.
        assert.equal(nul, undefined);
        assert.equal(big, undefined);
      }
      const missing = await caught(
        t.open.db
          .selectFrom('no_such_table' as 'users')
          .selectAll()
          .execute(),
      );
      assert.ok(missing);
      assert.equal(appErrorFromDbError(missing), undefined);
      assert.equal(appErrorFromDbError(new Error('boom')), undefined);
      assert.equal(appErrorFromDbError('x'), undefined);
    });
  });
}
