// Password rules (OWASP ASVS 5 / CNIL 2022): 12–256 characters, no composition rules,
// weak ones refused by zxcvbn (French dictionary + context words); argon2id with explicit
// parameters. Passwords are NFC-normalised, never truncated.
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';
import { randomToken } from '../crypto.js';

export const MIN_LENGTH = 12;
export const MAX_LENGTH = 256;
export const MIN_SCORE = 3;

const ARGON2 = { algorithm: 2 /* Argon2id (a const enum the compiler cannot import here) */, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...fr.dictionary },
  graphs: common.adjacencyGraphs,
  translations: fr.translations,
  // Bounded work per check (the meter is public): ~80 ms worst case instead of ~400 ms.
  l33tMaxSubstitutions: 20,
  maxLength: 100,
});

const normalize = (password: string) => password.normalize('NFC');

export function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, normalize(password));
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so both answers take about as long.
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomToken());
  return dummy;
}

export interface Strength {
  score: number;
  acceptable: boolean;
  length: number;
  /** French sentences for the meter and for the refusal. */
  warning: string | null;
  suggestions: string[];
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

// What is left once every context word is taken out: zxcvbn alone lets "Villebourg-2026!" pass.
function withoutWords(password: string, words: string[]): string {
  let rest = fold(password);
  for (const w of words.map(fold).sort((a, b) => b.length - a.length)) rest = rest.split(w).join('');
  return Array.from(rest).join('');
}

/** Scores a password; context words (municipality, e-mail, names) count as guessable. */
export function passwordStrength(password: string, context: string[] = []): Strength {
  const value = normalize(password);
  const length = Array.from(value).length;
  const words = context.flatMap((c) => c.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  const result = zxcvbn.check(value, words);
  const tooShort = length < MIN_LENGTH;
  const tooLong = length > MAX_LENGTH;
  let warning: string | null = result.feedback.warning ?? null;
  if (tooShort) warning = `Le mot de passe doit comporter au moins ${MIN_LENGTH} caractères.`;
  if (tooLong) warning = `Le mot de passe doit comporter au plus ${MAX_LENGTH} caractères.`;
  const contextual = !tooShort && withoutWords(value, words).length < MIN_LENGTH;
  if (contextual) warning = 'Le mot de passe ne doit pas reposer sur le nom de la commune ou sur vos informations personnelles.';
  const acceptable = !tooShort && !tooLong && !contextual && result.score >= MIN_SCORE;
  if (!acceptable && !warning) warning = 'Ce mot de passe est trop facile à deviner.';
  return { score: result.score, acceptable, length, warning, suggestions: result.feedback.suggestions ?? [] };
}
