// The thin loader: reads a definitions folder from disk into a DefinitionSet.
// The only engine file that touches the file system; the engine core never imports it.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_FILE_BYTES } from './check/bounds.js';
import type { DefinitionFiles, DefinitionIssue, DefinitionSet } from './types.js';

async function readJson(path: string, file: string, issues: DefinitionIssue[]): Promise<unknown> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return undefined;
  }
  if (info.size > MAX_FILE_BYTES) {
    issues.push({ file, pointer: '#', code: 'TOO_LARGE', message: `Le fichier fait ${Math.round(info.size / 1024)} Ko ; la limite est ${MAX_FILE_BYTES / 1024} Ko.` });
    return null;
  }
  const text = await readFile(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      where = ` (ligne ${line}, colonne ${Number(position[1]) - before.lastIndexOf('\n')})`;
    }
    issues.push({ file, pointer: '#', code: 'JSON_SYNTAX', message: `JSON invalide${where} : ${message}.` });
    return null;
  }
}

async function listDir(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).sort();
  } catch {
    return [];
  }
}

/** Reads definitions/procedures/<folder>/… and definitions/workflows/*.json. */
export async function readDefinitionsFolder(root: string): Promise<DefinitionSet> {
  const readIssues: DefinitionIssue[] = [];
  const workflows: Record<string, unknown> = {};
  for (const name of await listDir(join(root, 'workflows'))) {
    if (!name.endsWith('.json')) continue;
    const value = await readJson(join(root, 'workflows', name), `workflows/${name}`, readIssues);
    if (value !== null && value !== undefined) workflows[name.slice(0, -5)] = value;
  }
  const procedures: DefinitionFiles[] = [];
  for (const folder of await listDir(join(root, 'procedures'))) {
    const dir = join(root, 'procedures', folder);
    if (!(await stat(dir)).isDirectory()) continue;
    const read = (name: string) => readJson(join(dir, name), `${folder}/${name}`, readIssues);
    const files: DefinitionFiles = {
      folder,
      procedure: await read('procedure.json'),
      schema: await read('schema.json'),
      uischema: await read('uischema.json'),
    };
    const workflow = await read('workflow.json');
    if (workflow !== undefined) files.workflow = workflow;
    const scenarioNames = (await listDir(join(dir, 'scenarios'))).filter((n) => n.endsWith('.json'));
    if (scenarioNames.length) {
      files.scenarios = {};
      for (const name of scenarioNames) files.scenarios[name] = await read(join('scenarios', name));
    }
    procedures.push(files);
  }
  return { procedures, workflows, readIssues };
}
