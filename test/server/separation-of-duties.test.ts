/**
 * 三员分立 (issue 6 item 4): no administrator can obtain a login it can use, or give anyone access to citizens' or
 * audit data, on its own. Every path is tried from the attacker's side: the requester activating the account it
 * requested, approving its own request, an administrator of the wrong kind approving, a change to one's own
 * account, replaying a used code, an expired code, another account's code, two activations racing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import { findUserByLogin } from '../../src/db/repositories/platform/user-repository.ts';
import { prepareDatabase } from '../../src/use-cases/platform/prepare-database.ts';
import { recoverAdministrator } from '../../src/use-cases/platform/recover-administrator.ts';
import { run as runAccountCommand } from '../../src/cli/commands/account.ts';
import { runCli } from '../db/audit-attacker.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, demoPassword, TestClient, type TestApp } from './test-app.ts';

interface Created {
  id: string;
  roles: string[];
  activated: boolean;
  request: { id: string; status: string };
  activationCodePart1: string | null;
  activationCodePart2: string | null;
}

for (const dialect of testDialects()) {
  describe(`三员分立: no single administrator obtains a usable login (${dialect})`, () => {
    let t: TestApp;
    let serial = 0;
    // Each client speaks from its own address (TRUST_PROXY=1): the throttle of one test does not leak into another.
    const client = () => new TestClient(t.app, { ip: `198.51.100.${++serial}` });
    let admin: TestClient;
    let security: TestClient;
    let auditor: TestClient;
    let agency: Record<string, string>;
    before(async () => {
      t = await createTestApp(dialect, { TRUST_PROXY: '1' });
      agency = Object.fromEntries((await listAgencies(t.database.open.db)).map((a) => [a.name, a.id]));
      admin = client();
      security = client();
      auditor = client();
      await admin.apiLogin('admin');
      await security.apiLogin('security');
      await auditor.apiLogin('auditor');
    });
    after(() => t.close());

    const userId = async (login: string) => (await findUserByLogin(t.database.open.db, login))!.id;
    const activate = (login: string, code1: string, code2: string, password = 'Activated#2026x') =>
      client().request('POST', '/api/v1/activation', {
        json: { login, code1, code2, newPassword: password, confirmPassword: password },
      });
    const request = async (by: TestClient, body: Record<string, unknown>) => {
      const res = await by.json('POST', '/api/v1/users', body);
      return { res, body: (await res.json()) as Created };
    };

    test('the system administrator requests a 上级监督 account: no password, no roles, nothing it can use', async () => {
      const { res, body } = await request(admin, {
        login: 'jiandu.fake',
        displayName: '假监督',
        agencyId: agency['无锡市滨湖区人民政府']!,
        roles: ['supervisor'],
        // The old API let the creator choose the password: it is ignored, nobody knows this account's password.
        initialPassword: 'Initial#Pass2026',
      });
      assert.equal(res.status, 201);
      assert.equal(body.request.status, 'pending');
      assert.deepEqual(body.roles, [], 'no roles before approval');
      assert.equal(body.activated, false);
      assert.match(body.activationCodePart1 ?? '', /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      assert.equal(body.activationCodePart2, null, 'the requester never holds the second half');

      assert.equal((await client().apiLogin('jiandu.fake', 'Initial#Pass2026')).status, 401);
      const part1 = body.activationCodePart1!;
      assert.equal((await activate('jiandu.fake', part1, part1)).status, 401, 'its own half twice');
      assert.equal((await activate('jiandu.fake', part1, 'ABCD-EFGH-JKMN')).status, 401, 'a guessed second half');

      const own = await admin.json('POST', `/api/v1/account-requests/${body.request.id}/approve`);
      assert.equal(own.status, 403, 'approving its own request');
      assert.match(((await own.json()) as { error: { message: string } }).error.message, /不得批准本人发起的申请/);
      assert.equal((await auditor.json('POST', `/api/v1/account-requests/${body.request.id}/approve`)).status, 403);
      const sup = client();
      await sup.apiLogin('jiandu');
      assert.equal((await sup.json('POST', `/api/v1/account-requests/${body.request.id}/approve`)).status, 403);
    });

    test('approved by the security administrator: roles apply, the approver gets the other half, only both activate', async () => {
      const { body } = await request(admin, {
        login: 'jiandu.new',
        displayName: '新监督',
        agencyId: agency['无锡市滨湖区人民政府']!,
        roles: ['supervisor'],
      });
      const list = (await (await security.json('GET', '/api/v1/account-requests')).json()) as {
        items: { id: string; canDecide: boolean }[];
      };
      assert.equal(list.items.find((r) => r.id === body.request.id)?.canDecide, true);
      const approved = await security.json('POST', `/api/v1/account-requests/${body.request.id}/approve`);
      assert.equal(approved.status, 200);
      const part2 = ((await approved.json()) as { activationCodePart2: string }).activationCodePart2;
      const part1 = body.activationCodePart1!;
      assert.notEqual(part1, part2);
      assert.equal((await activate('jiandu.new', part2, part2)).status, 401, 'the approver’s half alone');
      assert.equal((await activate('jiandu', part1, part2)).status, 401, 'the code of another account');
      assert.equal((await activate('jiandu.new', part2, part1)).status, 401, 'halves swapped');
      // Typed loosely: lower case, spaces instead of hyphens.
      const typed = (p: string) => p.toLowerCase().replaceAll('-', ' ');
      assert.equal((await activate('jiandu.new', typed(part1), typed(part2), 'Watch#Own2026x')).status, 200);
      assert.equal((await activate('jiandu.new', part1, part2, 'Replay#Again2026')).status, 401, 'replay');
      const person = client();
      assert.equal((await person.apiLogin('jiandu.new', 'Watch#Own2026x')).status, 200);
      assert.equal((await person.json('GET', '/api/v1/submissions')).status, 200, 'the person now reads');
      assert.equal((await client().apiLogin('jiandu.new', 'Replay#Again2026')).status, 401);

      const log = (await (await auditor.json('GET', `/api/v1/audit?entityId=${body.id}`)).json()) as {
        items: { action: string; after: unknown }[];
      };
      const actions = log.items.map((e) => e.action);
      for (const a of ['user.create', 'account.requested', 'account.approved', 'account.activated'])
        assert.ok(actions.includes(a), `${a} in ${actions.join(',')}`);
      assert.ok(actions.includes('account.activationFailed'));
      assert.doesNotMatch(JSON.stringify(log.items), new RegExp(part1.replaceAll('-', '')), 'no code in the audit');
    });

    test('the security administrator requests an 审计管理员 account: only a system administrator approves it', async () => {
      assert.equal(
        (
          await request(admin, {
            login: 'auditor.by.admin',
            displayName: '审计二',
            agencyId: agency['无锡市滨湖区人民政府']!,
            roles: ['auditadmin'],
          })
        ).res.status,
        403,
        'the system administrator cannot request administrator roles',
      );
      const { res, body } = await request(security, {
        login: 'auditor.two',
        displayName: '审计二',
        agencyId: agency['无锡市滨湖区人民政府']!,
        roles: ['auditadmin'],
      });
      assert.equal(res.status, 201);
      assert.equal((await security.json('POST', `/api/v1/account-requests/${body.request.id}/approve`)).status, 403);
      assert.equal((await activate('auditor.two', body.activationCodePart1!, body.activationCodePart1!)).status, 401);
      const ok = await admin.json('POST', `/api/v1/account-requests/${body.request.id}/approve`);
      assert.equal(ok.status, 200);
      const part2 = ((await ok.json()) as { activationCodePart2: string }).activationCodePart2;
      assert.equal((await activate('auditor.two', body.activationCodePart1!, part2, 'Auditor#Two2026')).status, 200);
      const a2 = client();
      await a2.apiLogin('auditor.two', 'Auditor#Two2026');
      assert.equal((await a2.json('GET', '/api/v1/audit')).status, 200);
    });

    test('a role grant or a move by one administrator waits for the other; taking a role away does not', async () => {
      const id = await userId('helie.chengban');
      const user = client();
      await user.apiLogin('helie.chengban');
      const current = (await (await admin.json('GET', `/api/v1/users/${id}`)).json()) as { version: number };
      const grant = await admin.json('PUT', `/api/v1/users/${id}`, {
        displayName: '冯雪（已改名）',
        agencyId: agency['无锡市滨湖区河埒街道办事处'],
        roles: ['handler', 'supervisor'],
        version: current.version,
      });
      assert.equal(grant.status, 200);
      const g = (await grant.json()) as { roles: string[]; displayName: string; pendingRequest: { id: string } };
      assert.deepEqual(g.roles, ['handler'], 'not yet');
      assert.equal(g.displayName, '冯雪（已改名）', 'the rest is saved at once');
      assert.ok(g.pendingRequest);
      assert.equal((await user.json('GET', '/api/v1/me')).status, 200, 'nothing changed for the user yet');
      assert.equal((await admin.json('POST', `/api/v1/account-requests/${g.pendingRequest.id}/approve`)).status, 403);
      assert.equal(
        (await security.json('POST', `/api/v1/account-requests/${g.pendingRequest.id}/approve`)).status,
        200,
      );
      const after = (await (await admin.json('GET', `/api/v1/users/${id}`)).json()) as {
        roles: string[];
        version: number;
      };
      assert.deepEqual([...after.roles].sort(), ['handler', 'supervisor']);
      assert.equal((await user.json('GET', '/api/v1/me')).status, 401, 'a grant ends the sessions');

      const move = await admin.json('PUT', `/api/v1/users/${id}`, {
        displayName: '冯雪',
        agencyId: agency['无锡市滨湖区马山街道办事处'],
        roles: ['handler', 'supervisor'],
        version: after.version,
      });
      const m = (await move.json()) as { agencyId: string; pendingRequest: unknown; version: number };
      assert.equal(m.agencyId, agency['无锡市滨湖区河埒街道办事处'], 'a move to another agency’s data waits');
      assert.ok(m.pendingRequest);

      const removal = await admin.json('PUT', `/api/v1/users/${id}`, {
        displayName: '冯雪',
        agencyId: agency['无锡市滨湖区河埒街道办事处'],
        roles: ['handler'],
        version: m.version,
      });
      const r = (await removal.json()) as { roles: string[]; pendingRequest: unknown };
      assert.deepEqual(r.roles, ['handler']);
      assert.equal(r.pendingRequest, null);
    });

    test('a password reset: the security administrator never learns a password; old one valid until approval', async () => {
      const id = await userId('jiandu');
      const victim = client();
      await victim.apiLogin('jiandu');
      assert.equal(
        (await admin.json('POST', `/api/v1/users/${id}/password`)).status,
        403,
        'not the system administrator',
      );
      assert.equal((await auditor.json('POST', `/api/v1/users/${id}/password`)).status, 403);
      const res = await security.json('POST', `/api/v1/users/${id}/password`);
      assert.equal(res.status, 201);
      const body = (await res.json()) as {
        request: { id: string };
        activationCodePart1: string;
        activationCodePart2: null;
      };
      assert.equal(body.activationCodePart2, null);
      assert.equal((await activate('jiandu', body.activationCodePart1, body.activationCodePart1)).status, 401);
      assert.equal((await victim.json('GET', '/api/v1/me')).status, 200, 'one administrator cannot even lock them out');
      assert.equal((await client().apiLogin('jiandu')).status, 200, 'old password valid until approval');
      assert.equal((await security.json('POST', `/api/v1/account-requests/${body.request.id}/approve`)).status, 403);
      const ok = await admin.json('POST', `/api/v1/account-requests/${body.request.id}/approve`);
      assert.equal(ok.status, 200);
      const part2 = ((await ok.json()) as { activationCodePart2: string }).activationCodePart2;
      assert.equal((await victim.json('GET', '/api/v1/me')).status, 401, 'sessions end on approval');
      assert.equal((await client().apiLogin('jiandu')).status, 401, 'the old password stops working');
      assert.equal((await activate('jiandu', body.activationCodePart1, part2, 'Watch#Reset2026')).status, 200);
      assert.equal((await client().apiLogin('jiandu', 'Watch#Reset2026')).status, 200);
    });

    test('an expired code is refused; a new reset supersedes the old code', async () => {
      const id = await userId('bgs.shenhe');
      const first = (await (await security.json('POST', `/api/v1/users/${id}/password`)).json()) as {
        request: { id: string };
        activationCodePart1: string;
      };
      const p2 = (
        (await (await admin.json('POST', `/api/v1/account-requests/${first.request.id}/approve`)).json()) as {
          activationCodePart2: string;
        }
      ).activationCodePart2;
      t.clock.advance(24 * 3_600_000 + 60_000);
      assert.equal((await activate('bgs.shenhe', first.activationCodePart1, p2)).status, 401, 'expired after 24 h');
      // A day later the administrators' sessions have ended too.
      for (const [c, login] of [
        [admin, 'admin'],
        [security, 'security'],
        [auditor, 'auditor'],
      ] as const)
        assert.equal((await c.apiLogin(login)).status, 200);
      const second = (await (await security.json('POST', `/api/v1/users/${id}/password`)).json()) as {
        request: { id: string };
        activationCodePart1: string;
      };
      const q2 = (
        (await (await admin.json('POST', `/api/v1/account-requests/${second.request.id}/approve`)).json()) as {
          activationCodePart2: string;
        }
      ).activationCodePart2;
      assert.equal((await activate('bgs.shenhe', first.activationCodePart1, p2)).status, 401, 'the old code is dead');
      assert.equal((await activate('bgs.shenhe', second.activationCodePart1, q2, 'Shenhe#New2026x')).status, 200);
    });

    test('two activations with the same code at the same moment: exactly one succeeds', async () => {
      const id = await userId('bgs.fuze');
      const r = (await (await security.json('POST', `/api/v1/users/${id}/password`)).json()) as {
        request: { id: string };
        activationCodePart1: string;
      };
      const p2 = (
        (await (await admin.json('POST', `/api/v1/account-requests/${r.request.id}/approve`)).json()) as {
          activationCodePart2: string;
        }
      ).activationCodePart2;
      const results = await Promise.all(
        ['Race#One2026xx', 'Race#Two2026xx', 'Race#Three2026x'].map((pw) =>
          activate('bgs.fuze', r.activationCodePart1, p2, pw),
        ),
      );
      assert.deepEqual(results.map((x) => x.status).sort(), [200, 401, 401]);
    });

    test('nobody approves a change to their own account, and the audit administrator decides nothing', async () => {
      const adminId = await userId('admin');
      const reset = (await (await security.json('POST', `/api/v1/users/${adminId}/password`)).json()) as {
        request: { id: string };
      };
      const own = await admin.json('POST', `/api/v1/account-requests/${reset.request.id}/approve`);
      assert.equal(own.status, 403);
      assert.match(((await own.json()) as { error: { message: string } }).error.message, /本人账号/);
      assert.equal((await auditor.json('GET', '/api/v1/account-requests')).status, 403);
      assert.equal((await auditor.json('POST', `/api/v1/account-requests/${reset.request.id}/reject`)).status, 403);
      assert.equal((await client().apiLogin('admin')).status, 200, 'the pending reset changed nothing');
      assert.equal((await security.json('POST', `/api/v1/account-requests/${reset.request.id}/reject`)).status, 200);
    });

    test('a rejected creation leaves a disabled account without roles or password', async () => {
      const { body } = await request(admin, {
        login: 'rejected.one',
        displayName: '被驳回',
        agencyId: agency['无锡市滨湖区荣巷街道办事处']!,
        roles: ['handler'],
      });
      assert.equal((await security.json('POST', `/api/v1/account-requests/${body.request.id}/reject`)).status, 200);
      assert.equal((await security.json('POST', `/api/v1/account-requests/${body.request.id}/approve`)).status, 409);
      const u = (await (await admin.json('GET', `/api/v1/users/${body.id}`)).json()) as {
        roles: string[];
        disabled: boolean;
      };
      assert.deepEqual(u.roles, []);
      assert.equal(u.disabled, true);
    });

    test('the pages: the requester sees only the first half, the approver only the second, once', async () => {
      const sys = client();
      await sys.login('admin');
      await sys.page('/staff/users/new');
      const created = await sys.postForm('/staff/users', {
        login: 'page.user',
        displayName: '页面用户',
        agencyId: agency['无锡市滨湖区蠡园街道办事处']!,
        roles: ['handler'],
      });
      assert.equal(created.status, 201);
      const html = await created.text();
      assert.match(html, /第一段激活码/);
      const codes = [...html.matchAll(/class="code-part"[^>]*>([0-9A-Z-]{14})</g)].map((m) => m[1]);
      assert.equal(codes.length, 1);
      const list = await sys.page('/staff/users');
      assert.match(list.html, /page\.user<\/a>[\s\S]*?待批准/);

      const sec = client();
      await sec.login('security');
      const pending = await sec.page('/staff/account-requests');
      const row = pending.html.split('<tr>').find((r) => r.includes('page.user')) ?? '';
      const requestId = /\/staff\/account-requests\/([0-9a-f-]{36})\/approve/.exec(row)?.[1];
      assert.ok(requestId);
      const approved = await sec.postForm(`/staff/account-requests/${requestId}/approve`, {});
      assert.equal(approved.status, 200);
      const second = /class="code-part"[^>]*>([0-9A-Z-]{14})</.exec(await approved.text())?.[1];
      assert.ok(second && second !== codes[0]);

      const person = client();
      await person.page('/staff/activate');
      const done = await person.postForm('/staff/activate', {
        login: 'page.user',
        code1: codes[0]!,
        code2: second,
        newPassword: 'Page#User2026x',
        confirmPassword: 'Page#User2026x',
      });
      assert.equal(done.status, 303);
      assert.equal(done.headers.get('location'), '/staff/login?activated=1');
      assert.equal((await person.login('page.user', 'Page#User2026x')).status, 303);
    });

    // Last: it changes admin's password.
    test('the only system administrator forgot the password: the operator recovers it on the server, audited', async () => {
      // Dual control cannot help here: only a system administrator approves a reset, never its own.
      const r = await recoverAdministrator(t.database.open.db, () => t.clock.now, 'admin', t.database.auditKeys);
      assert.equal((await client().apiLogin('admin')).status, 401, 'the old password stops working');
      assert.equal((await activate('admin', r.codePart1, r.codePart2, 'Root#Recovered2026')).status, 200);
      assert.equal((await admin.apiLogin('admin', 'Root#Recovered2026')).status, 200);
      const log = (await (await auditor.json('GET', '/api/v1/audit?action=account.recoveryCode')).json()) as {
        items: { actor: string }[];
      };
      assert.match(log.items[0]?.actor ?? '', /恢复命令/);
      await assert.rejects(
        recoverAdministrator(t.database.open.db, () => t.clock.now, 'rongxiang.chengban', t.database.auditKeys),
        /只能恢复管理员账号/,
      );
      const refused = await runCli(
        runAccountCommand,
        ['recover', 'rongxiang.chengban', '--database', t.database.url],
        t.database.auditKeyEnv,
      );
      assert.equal(refused.code, 1);
      assert.match(refused.err, /只能恢复管理员账号/);
      const usage = await runCli(runAccountCommand, ['recover'], t.database.auditKeyEnv);
      assert.equal(usage.code, 2);
      assert.match(usage.err, /用法：gongkai account recover/);
      const keyless = await runCli(runAccountCommand, ['recover', 'admin', '--database', t.database.url], {});
      assert.equal(keyless.code, 2, 'without the audit key nothing is recovered');
    });
  });

  describe(`first start without the demo: the three administrators activate with console codes (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, {}, { demo: false });
    });
    after(() => t.close());

    test('nobody can sign in until activated; codes work once; expired codes are issued again at start', async () => {
      assert.deepEqual(
        t.initialAccounts.map((a) => a.login),
        ['admin', 'security', 'auditor'],
      );
      for (const login of ['admin', 'security', 'auditor'])
        assert.equal((await new TestClient(t.app).apiLogin(login, demoPassword)).status, 401);
      const [adminCode, securityCode] = t.initialAccounts;
      const activate = (login: string, a: string, b: string, pw: string) =>
        new TestClient(t.app).request('POST', '/api/v1/activation', {
          json: { login, code1: a, code2: b, newPassword: pw, confirmPassword: pw },
        });
      assert.equal((await activate('admin', adminCode!.codePart1, adminCode!.codePart2, 'Root#First2026')).status, 200);
      assert.equal((await activate('admin', adminCode!.codePart1, adminCode!.codePart2, 'Root#Again2026')).status, 401);
      assert.equal(
        (await activate('security', adminCode!.codePart1, adminCode!.codePart2, 'Sec#First2026x')).status,
        401,
        'admin’s code does not open security',
      );
      const a = new TestClient(t.app);
      assert.equal((await a.apiLogin('admin', 'Root#First2026')).status, 200);

      // Three days later, security and auditor have not activated: a restart prints fresh codes for them only.
      t.clock.advance(73 * 3_600_000);
      assert.equal(
        (await activate('security', securityCode!.codePart1, securityCode!.codePart2, 'Sec#First2026x')).status,
        401,
        'expired',
      );
      const again = await prepareDatabase(t.database.open, () => t.clock.now, {
        demo: false,
        auditKeys: t.database.auditKeys,
      });
      assert.equal(again.kind, 'existing');
      assert.deepEqual(again.kind === 'existing' ? again.accounts.map((x) => x.login) : [], ['security', 'auditor']);
      const fresh = again.kind === 'existing' ? again.accounts[0]! : undefined;
      assert.equal((await activate('security', fresh!.codePart1, fresh!.codePart2, 'Sec#First2026x')).status, 200);
      const again2 = await prepareDatabase(t.database.open, () => t.clock.now, {
        demo: false,
        auditKeys: t.database.auditKeys,
      });
      assert.deepEqual(again2.kind === 'existing' ? again2.accounts.map((x) => x.login) : [], [], 'live codes kept');
    });
  });
}
