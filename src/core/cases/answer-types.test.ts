import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { T3_COLUMNS, T3_ROWS } from '../report/layout.ts';
import { ANSWER_KINDS, OUTCOME_KINDS, OUTCOME_KINDS_BY_ROW, OUTCOME_TYPES } from './answer-types.ts';
import { APPLICANT_TYPES, applicantTypeLabel } from './applicant-type.ts';
import { LEGAL_BASES, citeTogether } from './legal-basis.ts';
import { OUTCOME_ROWS, outcomeRowLabel } from './outcome-row.ts';

/** The situations of disclosure-rules §1 and the row each belongs to, written from the spec's table. */
const SPEC: [string, string][] = [
  ['alreadyPublished', 'granted'],
  ['disclosed', 'granted'],
  ['partiallyDisclosed', 'partial'],
  ['stateSecret', 'denied1'],
  ['lawForbids', 'denied2'],
  ['endangersSecurity', 'denied3'],
  ['thirdPartyRights', 'denied4'],
  ['internalAffairs', 'denied5'],
  ['processInformation', 'denied6'],
  ['enforcementCaseFile', 'denied7'],
  ['registrationRecords', 'denied8'],
  ['notHeld', 'unable1'],
  ['notThisAgency', 'unable1'],
  ['needsCompilation', 'unable2'],
  ['stillUnclear', 'unable3'],
  ['petitionComplaint', 'notProcessed1'],
  ['repeatRequest', 'notProcessed2'],
  ['publication', 'notProcessed3'],
  ['unreasonableVolume', 'notProcessed4'],
  ['confirmOrReissue', 'notProcessed5'],
  ['abandonedNoCorrection', 'other1'],
  ['abandonedFeeUnpaid', 'other2'],
  ['withdrawn', 'other3'],
  ['otherEnding', 'other3'],
];

describe('answer types and table-3 rows', () => {
  it('every situation of the rules maps to its row, and nothing else exists', () => {
    assert.deepEqual(OUTCOME_KINDS.map((k) => [k, OUTCOME_TYPES[k].row]).sort(), [...SPEC].sort());
  });

  it('every outcome row of the 2021 table has at least one kind; the row keys are the layout’s', () => {
    const layoutRows = T3_ROWS['2021'].map((r) => r.key);
    for (const row of OUTCOME_ROWS) {
      assert.ok(layoutRows.includes(row), row);
      assert.ok((OUTCOME_KINDS_BY_ROW[row] ?? []).length > 0, row);
    }
    assert.deepEqual(
      layoutRows.filter((r) => !['new', 'carriedOver', 'total', 'carryForward'].includes(r)),
      [...OUTCOME_ROWS],
    );
    assert.equal(outcomeRowLabel('denied1'), '（三）不予公开 · 1.属于国家秘密');
    assert.equal(outcomeRowLabel('granted'), '（一）予以公开');
  });

  it('answers given by staff exclude the endings that come from other events', () => {
    for (const k of ['abandonedNoCorrection', 'abandonedFeeUnpaid', 'withdrawn'])
      assert.ok(!ANSWER_KINDS.includes(k as never));
  });

  it('each decision cites, in words, the articles listed as its basis, and states remedies unless withdrawn', () => {
    for (const kind of OUTCOME_KINDS) {
      const t = OUTCOME_TYPES[kind];
      for (const id of t.basis) {
        const basis = LEGAL_BASES[id];
        assert.ok(basis, `${kind}: ${id}`);
        const article = basis.citation.replace('《中华人民共和国政府信息公开条例》', '');
        if (basis.verbatim) assert.ok(t.decision.includes(article), `${kind} cites ${article}`);
      }
      assert.equal(t.statesRemedies, kind !== 'withdrawn');
      assert.match(t.noticeTitle, /告知书$/);
    }
    assert.equal(
      citeTogether(OUTCOME_TYPES.stateSecret.basis),
      '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项',
    );
  });

  it('the 条例 texts quoted are the articles (spot checks of the clock’s provisions)', () => {
    assert.match(LEGAL_BASES.art30.text, /自收到申请之日起7个工作日内一次性告知申请人作出补正/);
    assert.match(LEGAL_BASES.art33.text, /应当自收到申请之日起20个工作日内予以答复/);
    assert.match(LEGAL_BASES.art32.text, /15个工作日内提出意见/);
    assert.equal(LEGAL_BASES.fee109.verbatim, false);
  });

  it('applicant types are table 3’s columns', () => {
    assert.deepEqual([...APPLICANT_TYPES, 'total'], [...T3_COLUMNS]);
    assert.equal(applicantTypeLabel('natural'), '自然人');
    assert.equal(applicantTypeLabel('legal'), '法人或其他组织·法律服务机构');
  });
});
