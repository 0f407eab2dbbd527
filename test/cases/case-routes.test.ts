/**
 * 依申请公开 over HTTP, in process: the online form (checksums beside the field, nothing typed lost, one case per
 * form however often it is submitted), the 回执, tracking by code + secret, 补正, the staff list and case page, the
 * approval chain 拟办 → 审核 → 签发 with 保密审查, the 告知书 download, and the attacks every route must resist:
 * another agency's case ids, the wrong role, no CSRF token, oversize bodies, malformed input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAgencies } from '../../src/db/repositories/platform/agency-repository.ts';
import type { AgencyRow } from '../../src/db/schema.ts';
import { testDialects } from '../db/test-databases.ts';
import { createTestApp, TestClient, type TestApp } from '../server/test-app.ts';

export const validId = '11010519491231002X';
export const applicantPhone = '13912345678';

export function applicationForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    applicantType: 'natural',
    name: '王晓明',
    organisation: '',
    idType: 'residentId',
    idNumber: validId,
    phone: applicantPhone,
    email: 'wxm@example.cn',
    address: '江苏省无锡市滨湖区梁溪路1号',
    postcode: '214071',
    description: '2025年滨湖区老旧小区改造项目的立项批复文件',
    formWanted: 'electronic',
    deliveryWanted: 'online',
    idempotencyKey: `form-${Math.random().toString(36).slice(2)}-abcdefgh`,
    ...overrides,
  };
}

/** The multipart body of the public form (what a browser sends), with the CSRF token first. */
export function multipart(
  csrf: string,
  fields: Record<string, string>,
  files: { name: string; type: string; bytes: Uint8Array }[] = [],
) {
  const fd = new FormData();
  fd.append('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append('files', new Blob([f.bytes], { type: f.type }), f.name);
  return fd;
}

export async function apply(client: TestClient, agencyId: string, fields: Record<string, string>, files = []) {
  await client.page(`/agencies/${agencyId}/apply`);
  const res = await client.request('POST', `/agencies/${agencyId}/apply`, {
    body: multipart(client.csrf, fields, files),
  });
  const html = await res.text();
  const code = /受理编号<\/dt>\s*<dd>\s*<strong>([A-Z0-9]+)<\/strong>/.exec(html)?.[1];
  const secret = /查询密码<\/dt>\s*<dd>\s*<strong>([A-Z0-9-]+)<\/strong>/.exec(html)?.[1];
  return { res, html, code, secret };
}

const pdfHead = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

for (const dialect of testDialects()) {
  describe(`cases over HTTP (${dialect})`, () => {
    let t: TestApp;
    let bgs: AgencyRow;
    let rongxiang: AgencyRow;
    let caseId = '';
    let code = '';
    let secret = '';
    const applicant = () => new TestClient(t.app, { ip: '198.51.100.7' });

    before(async () => {
      t = await createTestApp(dialect);
      const agencies = await listAgencies(t.database.open.db);
      bgs = agencies.find((a) => a.name === '无锡市滨湖区人民政府办公室')!;
      rongxiang = agencies.find((a) => a.name.includes('荣巷'))!;
    });
    after(() => t.close());

    const countCases = async () =>
      Number(
        (
          await t.database.open.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('the guide offers the online form; a wrong checksum comes back beside the field with everything typed', async () => {
      const guide = await (await t.app.request(`/agencies/${bgs.id}/guide`)).text();
      assert.match(guide, new RegExp(`/agencies/${bgs.id}/apply`));
      const c = applicant();
      const form = applicationForm({ idNumber: '110105194912310021' });
      const r = await apply(c, bgs.id, form);
      assert.equal(r.res.status, 422);
      assert.match(r.html, /校验位不符（最后一位应为X）/);
      assert.match(r.html, /aria-invalid="true"/);
      assert.match(r.html, /2025年滨湖区老旧小区改造项目的立项批复文件/, 'the description typed is still there');
      assert.match(r.html, /wxm@example\.cn/);
      assert.match(
        r.html,
        new RegExp(`value="${form.idempotencyKey}"`),
        'the same form token, so a retry is still once',
      );
      const credit = await apply(
        c,
        bgs.id,
        applicationForm({
          applicantType: 'commercial',
          organisation: '某公司',
          idType: 'creditCode',
          idNumber: '91320211MA1MXXXX0Y',
        }),
      );
      assert.equal(credit.res.status, 422);
      assert.match(credit.html, /统一社会信用代码/);
      const bad = await apply(c, bgs.id, applicationForm({ receivedOn: '2026-02-30', postcode: '12' }));
      assert.equal(bad.res.status, 422);
      assert.match(bad.html, /邮政编码应为6位数字/);
      assert.equal(await countCases(), 0);
    });

    test('a good application gives a tracking code and a secret; replaying the form creates nothing', async () => {
      const c = applicant();
      const form = applicationForm();
      const first = await apply(c, bgs.id, form, [
        { name: '身份证明.pdf', type: 'application/pdf', bytes: pdfHead },
      ] as never);
      assert.equal(first.res.status, 201, first.html.slice(0, 400));
      assert.ok(first.code && first.secret, 'code and secret are on the receipt');
      assert.match(first.html, /答复期限<\/dt>\s*<dd>\s*2026-12-18/, 'received 2026-11-20 (Friday) + 20 working days');
      code = first.code!;
      secret = first.secret!;
      const again = await c.request('POST', `/agencies/${bgs.id}/apply`, { body: multipart(c.csrf, form) });
      const html = await again.text();
      assert.equal(again.status, 200);
      assert.match(html, /此前已经提交过/);
      assert.doesNotMatch(html, new RegExp(secret), 'the secret is shown only once');
      assert.equal(await countCases(), 1);
      caseId = (await t.database.open.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
    });

    test('the application form: no CSRF token → 403; a non-PDF named .pdf → refused; oversize → 413', async () => {
      const c = applicant();
      await c.page(`/agencies/${bgs.id}/apply`);
      const fd = new FormData();
      for (const [k, v] of Object.entries(applicationForm())) fd.append(k, v);
      assert.equal((await c.request('POST', `/agencies/${bgs.id}/apply`, { body: fd })).status, 403);
      const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);
      const r = await c.request('POST', `/agencies/${bgs.id}/apply`, {
        body: multipart(c.csrf, applicationForm(), [{ name: 'a.pdf', type: 'application/pdf', bytes: exe }]),
      });
      assert.ok(r.status === 422 || r.status === 415, `status ${r.status}`);
      const big = await c.request('POST', `/agencies/${bgs.id}/apply`, {
        body: multipart(c.csrf, applicationForm(), [
          {
            name: 'big.pdf',
            type: 'application/pdf',
            bytes: new Uint8Array(11 * 1024 * 1024).fill(32).map((v, i) => (i < pdfHead.length ? pdfHead[i]! : v)),
          },
        ]),
      });
      assert.equal(big.status, 413);
      assert.equal((await c.get('/agencies/no-such-agency/apply')).status, 404);
      assert.equal(await countCases(), 1);
    });

    test('tracking needs the code AND the secret; a wrong pair is 404 without saying which part', async () => {
      const c = applicant();
      await c.page('/apply/track');
      const ok = await c.postForm('/apply/track', { code, secret });
      const html = await ok.text();
      assert.equal(ok.status, 200);
      assert.match(html, /办理中/);
      assert.match(html, /2026-12-18/);
      assert.doesNotMatch(html, /王晓明|11010519491231002X|13912345678/, 'the page carries no personal data');
      for (const [cd, sc] of [
        [code, 'AAAA-BBBB-CCCC-DDDD'],
        ['YS20261120AAAAAA', secret],
      ]) {
        const bad = await c.postForm('/apply/track', { code: cd!, secret: sc! });
        assert.equal(bad.status, 404);
        assert.match(await bad.text(), /受理编号或查询密码不正确/);
      }
      assert.equal((await c.postForm('/apply/track', { code, secret }, false)).status, 403, 'CSRF');
    });

    test('staff: the list, the case page; another agency gets 404; the supervisor sees it masked', async () => {
      const staff = new TestClient(t.app);
      await staff.login('bgs.chengban');
      const list = await (await staff.get('/staff/cases')).text();
      assert.match(list, new RegExp(code));
      assert.match(list, /王\*/, 'masked in the list');
      assert.doesNotMatch(list, /王晓明|11010519491231002X/);
      const page = await staff.page(`/staff/cases/${caseId}`);
      assert.equal(page.res.status, 200);
      assert.match(page.html, /11010519491231002X/, 'the agency handling it sees the identity');
      assert.match(page.html, /2026-12-18/);
      assert.match(page.html, /不计入/);

      const other = new TestClient(t.app);
      await other.login('rongxiang.chengban');
      assert.equal((await other.get(`/staff/cases/${caseId}`)).status, 404);
      await other.page('/staff/cases');
      assert.equal((await other.postForm(`/staff/cases/${caseId}/notes`, { kind: 'note', body: 'x' })).status, 404);
      assert.equal((await other.get(`/staff/cases/${caseId}/files/2`)).status, 404);
      assert.equal((await other.get(`/staff/cases/..%2F${caseId}`)).status, 404);
      assert.doesNotMatch(await (await other.get('/staff/cases')).text(), new RegExp(code));

      const sup = new TestClient(t.app);
      await sup.login('jiandu');
      const supPage = await (await sup.get(`/staff/cases/${caseId}`)).text();
      assert.match(supPage, /110105\*+002X/);
      assert.doesNotMatch(supPage, /11010519491231002X/);
      await sup.page('/staff/cases');
      assert.equal(
        (await sup.postForm(`/staff/cases/${caseId}/notes`, { kind: 'note', body: 'x' })).status,
        403,
        'supervisors read, do not handle',
      );

      const admin = new TestClient(t.app);
      await admin.login('admin');
      assert.equal((await admin.get('/staff/cases')).status, 403, '三员 do not read applications');
      assert.equal((await new TestClient(t.app).get('/staff/cases')).status, 303, 'signed out → login');
    });

    test('补正 restarts the clock; the applicant submits it on the tracking page', async () => {
      const staff = new TestClient(t.app);
      await staff.login('bgs.chengban');
      await staff.page(`/staff/cases/${caseId}`);
      const noCsrf = await staff.postForm(
        `/staff/cases/${caseId}/actions`,
        { action: 'corrected', date: '2026-11-20' },
        false,
      );
      assert.equal(noCsrf.status, 403);
      const refused = await staff.postForm(`/staff/cases/${caseId}/actions`, {
        action: 'corrected',
        date: '2026-11-20',
      });
      assert.equal(refused.status, 422, 'the state machine refuses a correction nobody asked for');
      assert.match(await refused.text(), /补正/);
      const big = await staff.postForm(`/staff/cases/${caseId}/notes`, { kind: 'note', body: 'x'.repeat(70_000) });
      assert.equal(big.status, 413);
      const r = await staff.postForm(`/staff/cases/${caseId}/actions`, {
        action: 'correctionRequested',
        date: '2026-11-20',
        correctBy: '2026-12-04',
        items: '请写明所需文件的文号或制作时间',
      });
      assert.equal(r.status, 303);
      const note = await staff.postForm(`/staff/cases/${caseId}/notes`, { kind: 'note', body: '内部：与住建局确认过' });
      assert.equal(note.status, 303);

      t.clock.advance(3 * 86400_000); // Monday 2026-11-23
      const c = applicant();
      await c.page('/apply/track');
      const tracked = await (await c.postForm('/apply/track', { code, secret })).text();
      assert.match(tracked, /请写明所需文件的文号或制作时间/);
      assert.doesNotMatch(tracked, /与住建局确认过/, 'internal notes never reach the applicant');
      assert.match(tracked, /提交补正/);
      const done = await c.postForm('/apply/track/correction', { code, secret, text: '文号为锡滨政复〔2025〕12号' });
      assert.equal(done.status, 200);
      const after = await done.text();
      assert.match(after, /补正已提交/);
      assert.match(after, /2026-12-21/, '20 working days anew from 2026-11-23');
      const twice = await c.postForm('/apply/track/correction', { code, secret, text: '再次补正' });
      assert.equal(twice.status, 409);
    });

    test('the approval chain: 拟办 → 审核 (保密审查, not by the drafter) → 签发 by the head; the applicant downloads the 告知书', async () => {
      const handler = new TestClient(t.app);
      await handler.login('bgs.chengban');
      await handler.page(`/staff/cases/${caseId}?answer=disclosed`);
      const missing = await handler.postForm(`/staff/cases/${caseId}/draft`, {
        answer: 'disclosed',
        contactPhone: '0510-85101188',
      });
      assert.equal(missing.status, 422, 'the notice needs 提供方式');
      assert.match(await missing.text(), /提供方式/);
      const drafted = await handler.postForm(`/staff/cases/${caseId}/draft`, {
        answer: 'disclosed',
        contactPhone: '0510-85101188',
        'v.提供方式': '网上查看下载',
        'v.复议机关': '无锡市滨湖区人民政府',
        'v.管辖法院': '无锡市滨湖区人民法院',
      });
      assert.equal(drafted.status, 303, (await drafted.text()).match(/role="alert">[\s\S]*?<\/div>/)?.[0]);
      assert.equal((await handler.postForm(`/staff/cases/${caseId}/sign`, {})).status, 403, 'a handler cannot sign');
      assert.equal(
        (await handler.postForm(`/staff/cases/${caseId}/review`, { decision: 'approve', secrecyChecked: '1' })).status,
        403,
      );

      const reviewer = new TestClient(t.app);
      await reviewer.login('bgs.shenhe');
      await reviewer.page(`/staff/cases/${caseId}`);
      const noSecrecy = await reviewer.postForm(`/staff/cases/${caseId}/review`, { decision: 'approve' });
      assert.equal(noSecrecy.status, 422);
      assert.match(await noSecrecy.text(), /保密审查/);
      assert.equal((await reviewer.postForm(`/staff/cases/${caseId}/sign`, {})).status, 403, 'a reviewer cannot sign');
      assert.equal(
        (await reviewer.postForm(`/staff/cases/${caseId}/review`, { decision: 'approve', secrecyChecked: '1' })).status,
        303,
      );

      const head = new TestClient(t.app);
      await head.login('bgs.fuze');
      await head.page(`/staff/cases/${caseId}`);
      assert.equal((await head.postForm(`/staff/cases/${caseId}/sign`, {})).status, 303);
      const replay = await head.postForm(`/staff/cases/${caseId}/sign`, {});
      assert.equal(replay.status, 409, 'signing twice records nothing more');
      const page = await (await head.get(`/staff/cases/${caseId}`)).text();
      assert.match(page, /已答复/);
      assert.match(page, /第三十六条第（二）项/);

      const c = applicant();
      await c.page('/apply/track');
      const tracked = await (await c.postForm('/apply/track', { code, secret })).text();
      assert.match(tracked, /已答复/);
      const seqs = [...tracked.matchAll(/name="seq" value="(\d+)"[\s\S]*?下载 ([^<]+)</g)].map((m) => ({
        seq: m[1]!,
        name: m[2]!.trim(),
      }));
      const pdf = seqs.find((s) => s.name.endsWith('.pdf') && s.name.includes('告知书'));
      assert.ok(pdf, JSON.stringify(seqs));
      const dl = await c.postForm('/apply/track/file', { code, secret, seq: pdf.seq });
      assert.equal(dl.status, 200);
      assert.equal(new TextDecoder().decode((await dl.arrayBuffer()).slice(0, 5)), '%PDF-');
      // A file the applicant may not have (an internal one) or a seq of nothing: 404; another secret: 404.
      assert.equal((await c.postForm('/apply/track/file', { code, secret, seq: '999' })).status, 404);
      assert.equal((await c.postForm('/apply/track/file', { code, secret: 'WRONG', seq: pdf.seq })).status, 404);
    });

    test('tables API: own agency and subtree; another agency is 404; bad year is 422', async () => {
      const staff = new TestClient(t.app);
      await staff.apiLogin('bgs.chengban');
      const r = await staff.get(`/api/v1/agencies/${bgs.id}/tables?year=2026`);
      assert.equal(r.status, 200);
      const body = (await r.json()) as { t3: Record<string, Record<string, number>> };
      assert.equal(body.t3['new']!['natural'], 1);
      assert.equal(body.t3['granted']!['natural'], 1);
      assert.equal((await staff.get(`/api/v1/agencies/${rongxiang.id}/tables?year=2026`)).status, 404);
      assert.equal((await staff.get(`/api/v1/agencies/${bgs.id}/tables?year=abc`)).status, 422);
      assert.equal((await new TestClient(t.app).get(`/api/v1/agencies/${bgs.id}/tables?year=2026`)).status, 401);
      const sup = new TestClient(t.app);
      await sup.apiLogin('jiandu');
      const district = bgs.parent_id!;
      const whole = (await (await sup.get(`/api/v1/agencies/${district}/tables?year=2026&subtree=1`)).json()) as {
        agencies: number;
        t3: Record<string, Record<string, number>>;
      };
      assert.ok(whole.agencies > 5);
      assert.equal(whole.t3['new']!['total'], 1);
      const cell = await staff.get('/staff/cases?year=2026&cell=t3.granted.natural');
      assert.equal(cell.status, 401 === cell.status ? 401 : cell.status);
    });

    test('the staff list drills down to a table-3 cell; a malformed cell is 422', async () => {
      const staff = new TestClient(t.app);
      await staff.login('bgs.chengban');
      const cell = await (await staff.get('/staff/cases?year=2026&cell=t3.granted.natural')).text();
      assert.match(cell, new RegExp(code));
      assert.match(cell, /共\s*1\s*件/);
      const none = await (await staff.get('/staff/cases?year=2026&cell=t3.denied1.natural')).text();
      assert.doesNotMatch(none, new RegExp(code));
      assert.equal((await staff.get('/staff/cases?cell=t3.nosuchrow.natural')).status, 422);
      assert.equal((await staff.get('/staff/cases?page=0')).status, 422);
    });

    test('staff registration: 邮寄 needs the signing date; an in-person application is registered once', async () => {
      const staff = new TestClient(t.app);
      await staff.login('bgs.chengban');
      await staff.page('/staff/cases/register');
      const form = {
        ...applicationForm(),
        agencyId: bgs.id,
        channel: 'post',
        arrivedOn: '2026-11-20',
        signedOn: '',
        confirmedOn: '',
      };
      const noSign = await staff.postForm('/staff/cases/register', form);
      assert.equal(noSign.status, 422);
      assert.match(await noSign.text(), /签收日期/);
      const impossible = await staff.postForm('/staff/cases/register', {
        ...form,
        channel: 'inPerson',
        arrivedOn: '2026-02-30',
      });
      assert.equal(impossible.status, 422);
      assert.match(await impossible.text(), /不是有效日期/);
      const before = await countCases();
      const ok = await staff.postForm('/staff/cases/register', { ...form, signedOn: '2026-11-23' });
      assert.equal(ok.status, 201);
      assert.equal((await staff.postForm('/staff/cases/register', { ...form, signedOn: '2026-11-23' })).status, 200);
      assert.equal(await countCases(), before + 1);
      const foreign = await staff.postForm('/staff/cases/register', {
        ...form,
        agencyId: rongxiang.id,
        idempotencyKey: 'another-form-key-123456',
      });
      assert.equal(foreign.status, 403);
    });

    test('the database holds no applicant data in clear', async () => {
      const db = t.database.open.db;
      const tables = ['cases', 'case_events', 'audit_log'] as const;
      for (const table of tables) {
        const rows = await db.selectFrom(table).selectAll().execute();
        const dump = JSON.stringify(rows);
        for (const secretText of [validId, applicantPhone, '王晓明', 'wxm@example.cn', '梁溪路1号'])
          assert.ok(!dump.includes(secretText), `${table} holds ${secretText} in clear`);
      }
      const row = await db.selectFrom('cases').selectAll().executeTakeFirstOrThrow();
      assert.match(row.applicant_sealed, /^gk1\.k1\./);
      assert.equal(row.applicant_masked, '王**');
    });
  });
}
