// The folder loader and the CLI: syntax errors and missing files are reported with their
// place, and `npm run definitions:check` exits non-zero on a broken folder.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readDefinitionsFolder } from '../../engine/fs-loader.js';
import { loadDefinitions } from '../../engine/index.js';
import { DEFINITIONS_DIR } from '../helpers/definitions.js';
import { procedureFiles, standardWorkflow } from '../helpers/fixtures.js';

function writeFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'defs-'));
  mkdirSync(join(root, 'workflows'));
  writeFileSync(join(root, 'workflows', 'standard.json'), JSON.stringify(standardWorkflow(), null, 2));
  const files = procedureFiles('90');
  const dir = join(root, 'procedures', files.folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'procedure.json'), JSON.stringify(files.procedure, null, 2));
  writeFileSync(join(dir, 'schema.json'), JSON.stringify(files.schema, null, 2));
  writeFileSync(join(dir, 'uischema.json'), JSON.stringify(files.uischema, null, 2));
  return root;
}

const cli = (dir: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'engine/cli/check.ts', dir], { encoding: 'utf8', cwd: join(DEFINITIONS_DIR, '..') });

describe('chargement depuis le disque', () => {
  it('lit un dossier valide', async () => {
    const { issues, catalog } = loadDefinitions(await readDefinitionsFolder(writeFolder()));
    expect(issues).toEqual([]);
    expect(catalog!.byCode.get('90')!.spec.title).toContain('exemple');
  });

  it('JSON_SYNTAX — situe une erreur de syntaxe à sa ligne', async () => {
    const root = writeFolder();
    writeFileSync(join(root, 'procedures', '90-exemple', 'schema.json'), '{\n  "type": "object",\n  "properties": {,}\n}');
    const { issues } = loadDefinitions(await readDefinitionsFolder(root));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: '90-exemple/schema.json', pointer: '#', code: 'JSON_SYNTAX' });
    expect(issues[0].message).toContain('ligne 3');
  });

  it('FILE_MISSING — signale un fichier obligatoire absent', async () => {
    const root = writeFolder();
    mkdirSync(join(root, 'procedures', '91-vide'));
    writeFileSync(join(root, 'procedures', '91-vide', 'schema.json'), '{"type":"object"}');
    const { issues } = loadDefinitions(await readDefinitionsFolder(root));
    expect(issues.map((i) => `${i.file}${i.pointer} ${i.code}`).sort()).toEqual([
      '91-vide/procedure.json# FILE_MISSING',
      '91-vide/uischema.json# FILE_MISSING',
    ]);
  });

  it('la commande definitions:check liste les problèmes et sort en erreur', () => {
    const root = writeFolder();
    const uischema = procedureFiles('90').uischema as { elements: { elements: { scope?: string }[] }[] };
    uischema.elements[0].elements[0].scope = '#/properties/prenom';
    writeFileSync(join(root, 'procedures', '90-exemple', 'uischema.json'), JSON.stringify(uischema));
    const result = cli(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('90-exemple/uischema.json#/elements/0/elements/0/scope: Aucune propriété « /prenom » dans schema.json.');
  });

  it('la commande definitions:check accepte les définitions livrées', () => {
    const copy = mkdtempSync(join(tmpdir(), 'shipped-'));
    cpSync(DEFINITIONS_DIR, copy, { recursive: true });
    const result = cli(copy);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/démarche\(s\) valides/);
  });
});
