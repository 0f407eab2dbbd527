/**
 * Fuzz of the whole pipeline (read → interpret → check) with thousands of mutated reports: lines dropped,
 * duplicated, swapped, cells changed, text cut short. Every input must end in a checked report or a ReadError —
 * never another exception — and quickly.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { it } from 'node:test';
import { checkInput } from '../../src/use-cases/reports/load-report.ts';
import { ReadError } from '../../src/core/read/read-error.ts';
import { seededRandom } from '../../src/core/report/random-report.ts';
import { validateReport } from '../../src/core/report/validate-report.ts';
import { cpuNow } from '../cpu-clock.ts';

const DIR = new URL('../fixtures/seeds/', import.meta.url);
const seeds = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(new URL(f, DIR), 'utf8'));

function mutate(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const pick = () => Math.floor(rand() * lines.length);
  const steps = 1 + Math.floor(rand() * 6);
  for (let s = 0; s < steps; s++) {
    const i = pick();
    switch (Math.floor(rand() * 8)) {
      case 0:
        lines.splice(i, 1 + Math.floor(rand() * 20));
        break;
      case 1:
        lines.splice(i, 0, ...lines.slice(pick(), pick()));
        break;
      case 2: {
        const j = pick();
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 3:
        lines[i] = (lines[i] ?? '').replace(/\d+/g, () => String(Math.floor(rand() * 1000) - 100));
        break;
      case 4:
        lines[i] = (lines[i] ?? '').replace(/\t/g, () => (rand() < 0.5 ? '' : '\t\t'));
        break;
      case 5:
        lines[i] = (lines[i] ?? '').slice(0, Math.floor(rand() * (lines[i]?.length ?? 0)));
        break;
      case 6:
        lines[i] = `${lines[i] ?? ''}${['|', '（', '二、', '总计', '\u00a0', '年', '%PDF'][Math.floor(rand() * 7)]}`;
        break;
      default:
        lines.length = Math.floor(rand() * lines.length);
    }
  }
  return lines.join(rand() < 0.1 ? '\r\n' : '\n');
}

it('3,000 mutated reports: a valid checked report or a ReadError, each in well under a second', async () => {
  const rand = seededRandom(20261122);
  const encoder = new TextEncoder();
  let refused = 0;
  let slowest = 0;
  const started = cpuNow();
  for (let n = 0; n < 3000; n++) {
    const input = mutate(seeds[n % seeds.length]!, rand);
    const t = cpuNow();
    try {
      const { report, findings } = await checkInput(encoder.encode(input));
      assert.ok(validateReport(report).ok, `case ${n}: output is not a valid report`);
      for (const f of findings) assert.match(f.message, /[\u4e00-\u9fff]/, `case ${n}: ${f.code} message not Chinese`);
    } catch (error) {
      if (!(error instanceof ReadError)) {
        throw new Error(`case ${n} threw ${String(error)}\n--- input ---\n${input.slice(0, 2000)}`);
      }
      refused++;
    }
    slowest = Math.max(slowest, cpuNow() - t);
  }
  assert.ok(slowest < 1000, `slowest case took ${slowest.toFixed(0)} ms`);
  assert.ok(cpuNow() - started < 60_000);
  assert.ok(refused < 3000, 'most mutated reports are still read');
});
