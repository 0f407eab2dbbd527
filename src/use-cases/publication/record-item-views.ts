import { addItemViews } from '../../db/repositories/publication/publication-repository.ts';
import type { Db } from '../../db/schema.ts';

/** 浏览次数: adds the views an app server counted since its last flush (one UPDATE per item). */
export async function recordItemViews(db: Db, counts: ReadonlyMap<string, number>): Promise<void> {
  for (const [id, n] of counts) if (n > 0) await addItemViews(db, id, n);
}
