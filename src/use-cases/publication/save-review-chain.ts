import { z } from 'zod';
import { MAX_REVIEW_STEPS, reviewChainFromRows } from '../../core/publication/review-chain.ts';
import { AppError } from '../../core/platform/app-error.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { changePublicationSettings } from './change-publication-settings.ts';
import type { PublicationSettings } from './publication-settings.ts';

const stepName = z.string().max(40, '步骤名称不超过10个字').default('');
const stepRoles = z.array(z.string().max(20)).max(5).default([]);

/** The review chain form: rows name1/roles1 … name6/roles6 (roles are checkboxes); blank rows are dropped. */
export const reviewChainInput = z.object({
  name1: stepName,
  roles1: stepRoles,
  name2: stepName,
  roles2: stepRoles,
  name3: stepName,
  roles3: stepRoles,
  name4: stepName,
  roles4: stepRoles,
  name5: stepName,
  roles5: stepRoles,
  name6: stepName,
  roles6: stepRoles,
  version: z.number().int().min(0).max(1_000_000_000),
});
export type ReviewChainInput = z.infer<typeof reviewChainInput>;

/** The form fields that are arrays (checkbox groups), for formObject. */
export const reviewChainArrays = Array.from({ length: MAX_REVIEW_STEPS }, (_, i) => `roles${i + 1}`);

/**
 * Sets the number, names and roles of the review steps (default 三审: 初审 / 复审 / 终审). Items already in review
 * keep the chain they were submitted with (item-review-chain.ts); the new chain applies from the next submission.
 */
export async function saveReviewChain(
  ctx: UseCaseContext,
  agencyId: string,
  input: ReviewChainInput,
): Promise<PublicationSettings> {
  const rows = [
    { name: input.name1, roles: input.roles1 },
    { name: input.name2, roles: input.roles2 },
    { name: input.name3, roles: input.roles3 },
    { name: input.name4, roles: input.roles4 },
    { name: input.name5, roles: input.roles5 },
    { name: input.name6, roles: input.roles6 },
  ];
  const result = reviewChainFromRows(rows);
  if (!result.ok) throw new AppError('VALIDATION', '审核流程未保存', result.errors);
  return changePublicationSettings(ctx, agencyId, input.version, (settings) => ({
    patch: { review_steps: JSON.stringify(result.chain) },
    action: 'publication.settings.reviewChain',
    before: { reviewChain: settings.reviewChain },
    after: { reviewChain: result.chain },
  }));
}
