import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  codeAlphabet,
  codePartLength,
  formatCodePart,
  normalizeCodePart,
} from '../../core/platform/activation-code.ts';
import { hashSecret } from './session-token.ts';

/** A new random half of an activation code, formatted for a person ("ABCD-EFGH-JKMN"). */
export function newCodePart(): string {
  let s = '';
  for (let i = 0; i < codePartLength; i++) s += codeAlphabet[randomInt(codeAlphabet.length)];
  return formatCodePart(s);
}

/** What is stored of a half: the SHA-256 of its canonical form (the half carries 60 random bits). */
export function hashCodePart(part: string): string {
  const canonical = normalizeCodePart(part);
  if (!canonical) throw new Error('hashCodePart: not a code part');
  return hashSecret(`gongkai-activation:${canonical}`);
}

/** Whether a typed half matches a stored hash (constant time; false for anything malformed). */
export function codePartMatches(typed: string, storedHash: string | null): boolean {
  const canonical = normalizeCodePart(typed);
  const actual = Buffer.from(canonical ? hashCodePart(canonical) : '0'.repeat(64));
  const expected = Buffer.from(storedHash ?? '');
  return canonical !== null && expected.length === actual.length && timingSafeEqual(actual, expected);
}
