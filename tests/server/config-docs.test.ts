// Configuration only through environment variables, each documented: every variable the
// server reads (env.X in server/config.ts and process.env.X anywhere under server/) has a
// row in the README's table.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('configuration', () => {
  it('every environment variable the server reads is documented in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    const names = new Set<string>();
    for (const file of sources('server')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:process\.)?env\.([A-Z][A-Z0-9_]+)/g)) names.add(match[1]);
    }
    expect(names.size).toBeGreaterThan(10);
    const missing = [...names].filter((name) => !readme.includes(`| \`${name}\``) && !readme.includes(`/ \`${name}\``)).sort();
    expect(missing, `Variables lues par le serveur mais absentes du tableau du README : ${missing.join(', ')}`).toEqual([]);
  });
});
