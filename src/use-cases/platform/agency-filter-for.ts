import type { Actor } from '../../core/platform/actor.ts';
import { scopeOf, type Action } from '../../core/platform/policy.ts';
import type { AgencyFilter } from '../../db/repositories/platform/agency-filter.ts';

/** Turns the policy's scope for a list action into the repository's row filter. */
export function agencyFilterFor(actor: Actor | null, action: Action): AgencyFilter {
  if (!actor) return { kind: 'none' };
  const scope = scopeOf(actor, action);
  if (scope === null) return { kind: 'none' };
  if (scope === 'any') return { kind: 'all' };
  if (scope === 'own') return { kind: 'agency', agencyId: actor.agencyId };
  return { kind: 'subtree', path: actor.agencyPath };
}
