import type { Executor } from '../../schema.ts';

export async function getSetting(ex: Executor, key: string): Promise<string | undefined> {
  const r = await ex.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value;
}

export async function setSetting(ex: Executor, key: string, value: string): Promise<void> {
  await ex
    .insertInto('app_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
