// TypeScript strict on the three projects (server/engine/tests, parents' app, back office):
// tsx and Vite strip types without checking them, so this is where a type error shows.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('vérification TypeScript', () => {
  for (const project of ['tsconfig.json', 'renderer/tsconfig.json', 'admin/tsconfig.json']) {
    it(`${project} compile sans erreur`, () => {
      const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', project], { cwd: ROOT, encoding: 'utf8' });
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    }, 240_000);
  }
});
