import { deleteSession } from '../../db/repositories/platform/session-repository.ts';
import type { UseCaseContext } from './context.ts';
import { recordAudit } from './record-audit.ts';
import { hashSecret } from './session-token.ts';

export async function logout(ctx: UseCaseContext, sessionToken: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, hashSecret(sessionToken));
    if (ctx.actor) await recordAudit(trx, ctx, { action: 'auth.logout', entity: 'user', entityId: ctx.actor.id });
  });
}
