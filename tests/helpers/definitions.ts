// The shipped definitions, loaded once per test file.
import { fileURLToPath } from 'node:url';
import { readDefinitionsFolder } from '../../engine/fs-loader.js';
import { loadDefinitions, formatIssue, type Catalog, type DefinitionSet } from '../../engine/index.js';

export const DEFINITIONS_DIR = fileURLToPath(new URL('../../definitions', import.meta.url));

export async function shippedDefinitions(): Promise<{ set: DefinitionSet; catalog: Catalog }> {
  const set = await readDefinitionsFolder(DEFINITIONS_DIR);
  const { issues, catalog } = loadDefinitions(set);
  if (!catalog) throw new Error(`Les définitions livrées sont invalides :\n${issues.map(formatIssue).join('\n')}`);
  return { set, catalog };
}
