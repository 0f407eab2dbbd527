/** Kinds of agencies in the tree 市 → 区 → 区政府办/街道/乡镇/部门. */
export const agencyKinds = ['city', 'district', 'district_office', 'subdistrict', 'town', 'department'] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export const agencyKindLabels: Readonly<Record<AgencyKind, string>> = {
  city: '市政府',
  district: '区政府',
  district_office: '区政府办',
  subdistrict: '街道',
  town: '乡镇',
  department: '部门',
};

export function isAgencyKind(value: string): value is AgencyKind {
  return (agencyKinds as readonly string[]).includes(value);
}
