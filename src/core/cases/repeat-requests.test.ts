import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseRequest, requestSimilarity } from './normalise-request.ts';
import { findRepeatRequest, publicationCandidates, type RequestRecord } from './repeat-requests.ts';

const rec = (
  id: string,
  applicantKey: string,
  description: string,
  outcome: RequestRecord['outcome'] = null,
): RequestRecord => ({
  id,
  applicantKey,
  description,
  receivedOn: '2025-03-01',
  outcome,
});

describe('request normalisation', () => {
  it('width, case, spaces, punctuation and request verbs do not matter; the information does', () => {
    const a = normaliseRequest('申请公开《滨湖区2024年财政预算》（滨政发〔2024〕12号）');
    const b = normaliseRequest('请提供 滨湖区２０２４年财政预算 滨政发[2024]12号 。谢谢！');
    assert.equal(a, b);
    assert.equal(a, '滨湖区2024年财政预算滨政发202412号');
    assert.notEqual(normaliseRequest('滨湖区2024年财政预算'), normaliseRequest('滨湖区2025年财政预算'));
  });

  it('similarity is 1 for equal, high for near, low for different', () => {
    const base = normaliseRequest('荣巷街道2024年度拆迁补偿安置方案');
    assert.equal(requestSimilarity(base, base), 1);
    assert.ok(requestSimilarity(base, normaliseRequest('荣巷街道2024年拆迁补偿安置方案')) > 0.9);
    assert.ok(requestSimilarity(base, normaliseRequest('蠡园街道2023年道路维修招标文件')) < 0.3);
    assert.equal(requestSimilarity('a', 'b'), 0);
  });
});

describe('重复申请 (第三十六条第（六）项)', () => {
  const earlier = [
    rec('1', 'A', '滨湖区2024年财政预算', { row: 'granted', date: '2025-03-10' }),
    rec('2', 'B', '滨湖区2024年财政预算', { row: 'granted', date: '2025-03-11' }),
    rec('3', 'A', '滨湖区2024年财政决算', null),
    rec('4', 'A', '滨湖区2023年财政预算', { row: 'other3', date: '2025-03-12' }),
    rec('5', 'A', '请公开滨湖区2024年财政预算。', { row: 'unable1', date: '2025-04-01' }),
  ];

  it('only the same applicant’s answered requests for the same information', () => {
    const m = findRepeatRequest({ applicantKey: 'A', description: '申请公开 滨湖区2024年财政预算' }, earlier);
    assert.deepEqual(
      m.map((x) => [x.id, x.similarity]),
      [
        ['5', 1],
        ['1', 1],
      ],
    );
    assert.deepEqual(findRepeatRequest({ applicantKey: 'C', description: '滨湖区2024年财政预算' }, earlier), []);
  });

  it('withdrawn or abandoned requests and unanswered ones are not repeats', () => {
    const m = findRepeatRequest({ applicantKey: 'A', description: '滨湖区2023年财政预算' }, earlier, {
      minSimilarity: 1,
    });
    assert.deepEqual(m, []);
    assert.deepEqual(
      findRepeatRequest({ applicantKey: 'A', description: '滨湖区2024年财政决算' }, earlier, { minSimilarity: 1 }),
      [],
    );
  });
});

describe('第四十四条: the same information from several applicants', () => {
  const records = [
    rec('1', 'A', '滨湖区2024年财政预算', { row: 'granted', date: '2025-03-10' }),
    rec('2', 'B', '请提供滨湖区2024年财政预算'),
    rec('3', 'B', '滨湖区 2024年财政预算'),
    rec('4', 'C', '滨湖区2024年财政预算！'),
    rec('5', 'A', '荣巷街道拆迁方案'),
    rec('6', 'A', '荣巷街道拆迁方案'),
    rec('7', 'A', '荣巷街道拆迁方案'),
  ];

  it('three applicants (default) prompt publication; the same applicant three times does not', () => {
    const c = publicationCandidates(records);
    assert.equal(c.length, 1);
    assert.deepEqual(
      {
        ids: c[0]!.requestIds,
        applicants: c[0]!.applicantCount,
        requests: c[0]!.requestCount,
        disclosable: c[0]!.disclosable,
      },
      { ids: ['1', '2', '3', '4'], applicants: 3, requests: 4, disclosable: true },
    );
  });

  it('threshold and counting are configurable', () => {
    assert.equal(publicationCandidates(records, { threshold: 4 }).length, 0);
    const byRequests = publicationCandidates(records, { countBy: 'requests' });
    assert.equal(byRequests.length, 2);
    assert.equal(byRequests.find((c) => c.key === '荣巷街道拆迁方案')?.disclosable, false);
  });
});
