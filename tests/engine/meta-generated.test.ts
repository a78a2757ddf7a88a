// The standalone meta-schema validators must be regenerated whenever a meta-schema changes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateMetaValidators } from '../../engine/meta-generate.js';

describe('validateurs générés des méta-schémas', () => {
  it('correspondent aux méta-schémas (sinon : npm run meta:generate)', () => {
    const file = readFileSync(fileURLToPath(new URL('../../engine/meta/validators.generated.js', import.meta.url)), 'utf8');
    expect(file === generateMetaValidators(), 'engine/meta/validators.generated.js est périmé : lancez npm run meta:generate').toBe(true);
  });
});
