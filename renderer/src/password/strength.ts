// Password strength with zxcvbn-ts and its French and common dictionaries. Heavy (~1 Mo of
// word lists): imported lazily by the meter, never by the first route.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as fr from '@zxcvbn-ts/language-fr';

const zxcvbn = new ZxcvbnFactory({
  translations: fr.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...fr.dictionary },
});

// Words that make a password guessable here (the server refuses them too).
const CONTEXT = ['portail', 'famille', 'portailfamille', 'mairie', 'commune', 'enfance'];

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  warning: string | null;
  suggestions: string[];
}

export function estimate(password: string, userInputs: string[] = []): Strength {
  const result = zxcvbn.check(password, [...CONTEXT, ...userInputs]);
  return { score: result.score, warning: result.feedback.warning || null, suggestions: result.feedback.suggestions };
}
