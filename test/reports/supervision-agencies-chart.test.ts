import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { AgencyRow } from '../../src/db/schema.ts';
import { loadCharts } from '../../src/server/views/supervision/charts.ts';
import { dashboardPage } from '../../src/server/views/supervision/supervision-pages.ts';
import type { SupervisionDashboard } from '../../src/use-cases/reports/supervision-dashboard.ts';

/** A dashboard of `count` agencies; agency i received i × 10 applications in the year. */
function dashboard(count: number): SupervisionDashboard {
  const agency = (i: number) => ({ id: `a${i}`, name: `第${i}局`, path: `/d/a${i}/` }) as AgencyRow;
  return {
    home: { id: 'd', name: '某区人民政府办公室', path: '/d/' } as AgencyRow,
    year: 2025,
    agencies: Array.from({ length: count }, (_, k) => ({
      agency: agency(k + 1),
      report: null,
      late: false,
      deadline: '2026-01-31',
      alerts: { overdueApplications: 0, latePublications: 0 },
      figures: { received: (k + 1) * 10, granted: 0, denied: 0, review: 0, suits: 0 },
    })),
    counts: {
      ...{ none: count, draft: 0, submitted: 0, returned: 0, cleared: 0, published: 0, late: 0, imported: 0 },
      ...{ overdueApplications: 0, latePublications: 0 },
    },
    outcomes: [{ label: '予以公开', value: 1 }],
    applicants: [{ label: '自然人', value: 1 }],
    trend: [{ year: 2025, value: 1 }],
  };
}

/** The rows of the data table that follows the agencies chart: its label and value. */
async function chartedAgencies(d: SupervisionDashboard): Promise<{ caption: string; rows: string[] }> {
  const page = (await dashboardPage(d, [2025])).toString();
  const figure = /<figure class="chart" aria-labelledby="c-agencies-cap">([\s\S]*?)<\/figure>/.exec(page)![1]!;
  const caption = /<figcaption id="c-agencies-cap">([^<]*)<\/figcaption>/.exec(figure)![1]!;
  const rows = [...figure.matchAll(/<th scope="row">([^<]*)<\/th>\s*<td>(\d+)<\/td>/g)].map((m) => `${m[1]}=${m[2]}`);
  return { caption, rows };
}

describe('the supervision dashboard: agencies side by side', () => {
  before(() => loadCharts());

  it('charts every agency of a small district', async () => {
    const { caption, rows } = await chartedAgencies(dashboard(12));
    assert.equal(caption, '2025年度各机关新收申请');
    assert.equal(rows.length, 12);
    assert.ok(rows.includes('第1局=10') && rows.includes('第12局=120'));
  });

  it('charts the 30 agencies with the most new applications of a large one, and says so', async () => {
    const { caption, rows } = await chartedAgencies(dashboard(200));
    assert.equal(caption, '2025年度新收申请最多的30个机关（共200个机关，各机关数字见上表）');
    assert.equal(rows.length, 30);
    assert.equal(rows[0], '第200局=2000');
    assert.equal(rows[29], '第171局=1710');
    assert.ok(!rows.includes('第170局=1700'));
  });
});
