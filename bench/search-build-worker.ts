/**
 * Child process of the search benchmark: indexes items [from, to) of the corpus into the database at `url`
 * (PostgreSQL accepts several writers at once, which shortens building a million items on two cores).
 */
import { openDatabase } from '../src/db/open-database.ts';
import { createSearchIndex } from '../src/search/search-index.ts';
import { makeCorpus } from './search-corpus.ts';

const [url, fromText, toText] = process.argv.slice(2);
const from = Number(fromText);
const to = Number(toText);
const open = openDatabase(url!, { poolSize: 1 });
const index = createSearchIndex(open.dialect);
const batch = 1000;
try {
  for (let at = from; at < to; at += batch) {
    const docs = makeCorpus(Math.min(batch, to - at), at);
    await open.db.transaction().execute((tx) => index.upsertMany(tx, docs));
    if (((at - from) / batch) % 50 === 0)
      process.stderr.write(`[search-bench] worker ${from}: ${at - from} / ${to - from}\n`);
  }
} finally {
  await open.close();
}
