import type { Role } from './roles.ts';

/**
 * The person acting: a signed-in staff member. `agencyPath` is the materialised path of the actor's agency
 * ("/<root id>/…/<own id>/"), so "is B in A's subtree" is a prefix test.
 */
export interface Actor {
  id: string;
  login: string;
  displayName: string;
  agencyId: string;
  agencyPath: string;
  roles: readonly Role[];
}

/** Any record owned by an agency, as the policy sees it. */
export interface AgencyScoped {
  agencyId: string;
  agencyPath: string;
}
