import type { NewAgency } from '../../db/repositories/platform/agency-repository.ts';

/**
 * A new agency with only its place in the tree, name, code and kind: no contact details yet, the default report
 * deadline (1月31日). The first start's own agency (ensure-initial-admin.ts), and the agencies of tests and benchmarks.
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
