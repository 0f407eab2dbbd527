/**
 * The review chain of an item before publication (三审: 初审 / 复审 / 终审 by default), configurable per agency.
 * Each step names the roles that may decide it. Rules (enforced by the use-cases):
 *  - the author of the item never decides a step of it (审核与承办分离);
 *  - a step is decided once per round (a UNIQUE key in storage); returning for changes ends the round and the
 *    item goes back to draft — the next submission starts a new round from the first step;
 *  - after the last step the item is 已审核 and waits for 保密审查 confirmation and publication
 *    (《中华人民共和国保守国家秘密法》, 条例第十七条: 公开前依法进行保密审查).
 */
import { z } from 'zod';
import type { Role } from '../platform/roles.ts';

export interface ReviewStep {
  name: string;
  roles: Role[];
}

export const reviewStepSchema = z.object({
  name: z.string().trim().min(1).max(10),
  roles: z.array(z.enum(['handler', 'reviewer', 'head'])).min(1),
});

export const reviewChainSchema = z.array(reviewStepSchema).min(1, '至少设置一个审核步骤').max(6, '审核步骤不超过6个');

export const defaultReviewChain: readonly ReviewStep[] = [
  { name: '初审', roles: ['reviewer', 'head'] },
  { name: '复审', roles: ['reviewer', 'head'] },
  { name: '终审', roles: ['head'] },
];

export const itemStatuses = ['draft', 'review', 'approved', 'scheduled', 'published', 'withdrawn'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export const itemStatusLabels: Readonly<Record<ItemStatus, string>> = {
  draft: '草稿',
  review: '审核中',
  approved: '已审核待发布',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export function isItemStatus(s: string): s is ItemStatus {
  return (itemStatuses as readonly string[]).includes(s);
}

/** Whether someone with `roles` may decide `step`. */
export function mayDecide(step: ReviewStep, roles: readonly Role[]): boolean {
  return step.roles.some((r) => roles.includes(r));
}

/** States in which the content may still be edited by staff (a published item is changed by a revision). */
export function isEditable(status: ItemStatus): boolean {
  return status === 'draft';
}

export const MAX_REVIEW_STEPS = 6;
/** Who may be named for a step: reviewing needs `publication.review` (审核人, 机构负责人) in the one policy. */
export const reviewStepRoles = ['reviewer', 'head'] as const;

/**
 * The chain an administrator entered as rows (step name + the roles that may decide it). Rows left entirely
 * blank are dropped; the others must have a name (1–10 characters, unique in the chain) and at least one role.
 * Problems are keyed `name<N>` / `roles<N>` by the row's 1-based position, so the page puts them next to the row.
 */
export function reviewChainFromRows(
  rows: readonly { name: string; roles: readonly string[] }[],
): { ok: true; chain: ReviewStep[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const chain: ReviewStep[] = [];
  const names = new Map<string, number>();
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (name === '' && row.roles.length === 0) return;
    const n = i + 1;
    if (name === '') errors[`name${n}`] = '请填写步骤名称';
    else if ([...name].length > 10) errors[`name${n}`] = '步骤名称不超过10个字';
    else if (names.has(name)) errors[`name${n}`] = `与第 ${names.get(name)} 步重名`;
    else names.set(name, n);
    const roles = reviewStepRoles.filter((r) => row.roles.includes(r));
    if (roles.length === 0 || roles.length !== new Set(row.roles).size)
      errors[`roles${n}`] = '请至少选择一个可以审核此步骤的角色（审核人、机构负责人）';
    chain.push({ name, roles: [...roles] });
  });
  if (chain.length === 0) errors['name1'] ??= '至少设置一个审核步骤';
  if (chain.length > MAX_REVIEW_STEPS) errors['name1'] ??= `审核步骤不超过 ${MAX_REVIEW_STEPS} 个`;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, chain };
}
