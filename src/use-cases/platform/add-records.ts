/**
 * A new agency or account and its audit entry, written together in the caller's transaction — the one way a
 * use-case (create, first start, demo seed) adds them, so none can forget the audit trail.
 */
import { insertAgency, type NewAgency } from '../../db/repositories/platform/agency-repository.ts';
import { insertUser, type NewUser } from '../../db/repositories/platform/user-repository.ts';
import type { AgencyRow, Executor, UserRow } from '../../db/schema.ts';
import { nowIso, type UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';
import { agencySnapshot, userSnapshot } from './snapshots.ts';

/** `actorLabel` names who acted when there is no logged-in actor (first start, demo seed). */
export async function addAgency(
  trx: Executor,
  ctx: UseCaseContext,
  agency: NewAgency,
  actorLabel?: string,
): Promise<AgencyRow> {
  const row = await insertAgency(trx, agency, nowIso(ctx));
  await recordAudit(trx, ctx, {
    action: 'agency.create',
    entity: 'agency',
    entityId: row.id,
    actorLabel,
    after: agencySnapshot(row),
  });
  return row;
}

export async function addUser(
  trx: Executor,
  ctx: UseCaseContext,
  user: NewUser,
  actorLabel?: string,
): Promise<UserRow> {
  const row = await insertUser(trx, user, nowIso(ctx));
  await recordAudit(trx, ctx, {
    action: 'user.create',
    entity: 'user',
    entityId: row.id,
    actorLabel,
    after: userSnapshot(row),
  });
  return row;
}
