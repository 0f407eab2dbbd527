/**
 * Child process of the search benchmark: generates items [from, to) of the corpus and their index tokens and
 * writes them to stdout, one JSON array per line, for the process that writes the SQLite index (SQLite has one
 * writer; making tokens is the larger part of the work and runs here in parallel).
 */
import { indexTokens } from '../src/search/index-tokens.ts';
import { makeCorpus } from './search-corpus.ts';

const from = Number(process.argv[2]);
const to = Number(process.argv[3]);
const batch = 1000;
for (let at = from; at < to; at += batch) {
  const docs = makeCorpus(Math.min(batch, to - at), at);
  const line = `${JSON.stringify(docs.map((doc) => ({ doc, tokens: indexTokens(doc) })))}\n`;
  if (!process.stdout.write(line)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}
