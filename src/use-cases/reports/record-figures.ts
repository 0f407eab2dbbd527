/**
 * The port through which drafting reads an agency's records (issue 9 item 1): tables 3 and 4 and the 信息处理费
 * from the cases (依申请公开), table 2's 规章/规范性文件 rows and the items published per catalogue from 主动公开.
 * The ONE file that wires drafting to those modules; tests pass their own.
 */
import type { PublishedCount } from '../../core/drafting/draft-report.ts';
import { emptyReport } from '../../core/report/empty-report.ts';
import type { Report2021 } from '../../core/report/report-schema.ts';
import type { Db } from '../../db/schema.ts';
import { caseTablesFor } from '../cases/case-tables-for.ts';
import { publicationFiguresFor } from '../publication/publication-figures-for.ts';

export interface CaseTables {
  t3: Report2021['t3'];
  t4: Report2021['t4'];
  /** 信息处理费 collected (元) and the number of applications that paid it (国办函〔2020〕109号). */
  fees: { yuan: number; applications: number };
}

export interface PublicationFigures {
  /** Table 2's 规章 and 行政规范性文件 rows (本年制发/本年废止/现行有效). */
  normative: Pick<Report2021['t2'], 'regulations' | 'normativeDocs'>;
  published: PublishedCount[];
}

export interface RecordFigures {
  caseTables(db: Db, agencyIds: string[], year: number): Promise<CaseTables>;
  publicationFigures(db: Db, agencyIds: string[], year: number): Promise<PublicationFigures>;
  /** Whether each part comes from real records (false: a placeholder of zeros until the module is wired). */
  fromRecords: { cases: boolean; publication: boolean };
}

function zeroed<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v === null ? 0 : v))) as T;
}

/**
 * Before a module is wired: every count 0 and `fromRecords` false for it, so the editor says plainly which tables are
 * not yet computed from records.
 */
export const placeholderRecordFigures: RecordFigures = {
  fromRecords: { cases: false, publication: false },
  async caseTables() {
    const e = emptyReport('2021') as Report2021;
    return { t3: zeroed(e.t3), t4: zeroed(e.t4), fees: { yuan: 0, applications: 0 } };
  },
  async publicationFigures() {
    const e = emptyReport('2021') as Report2021;
    return { normative: zeroed({ regulations: e.t2.regulations, normativeDocs: e.t2.normativeDocs }), published: [] };
  },
};

/**
 * The implementation the app uses: the case module's tables (src/use-cases/cases/case-tables-for.ts) and the
 * publication module's figures (src/use-cases/publication/publication-figures-for.ts).
 */
export const recordFigures: RecordFigures = {
  fromRecords: { cases: true, publication: true },
  caseTables: (db, agencyIds, year) => caseTablesFor(db, agencyIds, year),
  async publicationFigures(db, agencyIds, year) {
    const { normative, published } = await publicationFiguresFor(db, agencyIds, year);
    return {
      normative: { regulations: { ...normative.regulation }, normativeDocs: { ...normative.normative } },
      published,
    };
  },
};
