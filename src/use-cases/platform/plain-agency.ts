import type { NewAgency } from '../../src/db/repositories/platform/agency-repository.ts';

/**
 * An agency with only what tests and benchmarks need: its place in the tree, name, code and kind; no contact
 * details; the default report deadline (1月31日).
 */
export function plainAgency(o: {
  id: string;
  parent: { id: string; path: string } | null;
  name: string;
  code: string;
  kind: string;
  sortOrder: number;
}): NewAgency {
  return {
    id: o.id,
    parent_id: o.parent?.id ?? null,
    path: `${o.parent?.path ?? '/'}${o.id}/`,
    name: o.name,
    code: o.code,
    kind: o.kind,
    address: '',
    postcode: '',
    office_hours: '',
    phone: '',
    fax: '',
    online_channel: '',
    email: '',
    report_deadline: '01-31',
    sort_order: o.sortOrder,
    is_demo: 0,
  };
}
