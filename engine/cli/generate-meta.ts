// npm run meta:generate — rewrites engine/meta/validators.generated.js after a meta-schema change.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateMetaValidators } from '../meta-generate.js';

const target = fileURLToPath(new URL('../meta/validators.generated.js', import.meta.url));
writeFileSync(target, generateMetaValidators());
console.log(`écrit : ${target}`);
