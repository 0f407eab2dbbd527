// `npm run schema`: regenerates docs/report.schema.json from the validator.
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../core/report/report-json-schema.ts';

writeFileSync(
  new URL('../../docs/report.schema.json', import.meta.url),
  `${JSON.stringify(reportJsonSchema(), null, 2)}\n`,
);
