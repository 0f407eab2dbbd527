import { casesAfter, updateSealedApplicant } from '../../db/repositories/cases/case-repository.ts';
import { currentDataKey } from '../../security/field-cipher.ts';
import type { UseCaseContext } from '../platform/context.ts';
import { recordAudit } from '../platform/record-audit.ts';
import { openApplicant, requireDataKeys, sealApplicant } from './applicant-data.ts';

/**
 * After a data-key rotation (`gongkai data-key rotate`): every applicant sealed under an older key is opened with
 * the keyring and sealed again under the newest key, and its blind indexes recomputed (they are keyed too). Runs
 * in batches, each in its own transaction; safe to run again (rows already under the current key are skipped).
 */
export async function resealApplicants(ctx: UseCaseContext, batch = 500): Promise<{ resealed: number; total: number }> {
  const keys = requireDataKeys(ctx);
  const current = currentDataKey(keys).id;
  let after = '';
  let resealed = 0;
  let total = 0;
  for (;;) {
    const rows = await casesAfter(ctx.db, after, batch);
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    total += rows.length;
    const stale = rows.filter((r) => r.data_key_id !== current);
    if (stale.length === 0) continue;
    await ctx.db.transaction().execute(async (trx) => {
      for (const r of stale) {
        const sealed = sealApplicant(keys, openApplicant(keys, r.applicant_sealed));
        await updateSealedApplicant(trx, r.id, {
          applicant_sealed: sealed.applicant_sealed,
          id_index: sealed.id_index,
          phone_index: sealed.phone_index,
          data_key_id: sealed.data_key_id,
        });
      }
    });
    resealed += stale.length;
  }
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      action: 'case.resealApplicants',
      entity: 'case',
      entityId: null,
      actorLabel: '系统（密钥轮换）',
      after: { key: current, resealed, total },
    }),
  );
  return { resealed, total };
}
