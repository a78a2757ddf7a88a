// Every scenario of every shipped démarche, run by the one generic runner.
import { describe, expect, it } from 'vitest';
import { runScenario, type Scenario } from '../../engine/scenario.js';
import { shippedDefinitions } from '../helpers/definitions.js';

const { set, catalog } = await shippedDefinitions();

describe('scénarios des démarches', () => {
  const withScenarios = set.procedures.filter((p) => Object.keys(p.scenarios ?? {}).length > 0);

  it('chaque démarche livrée a au moins un scénario', () => {
    const without = set.procedures.filter((p) => !p.scenarios || Object.keys(p.scenarios).length === 0).map((p) => p.folder);
    expect(without).toEqual([]);
  });

  for (const files of withScenarios) {
    for (const [name, scenario] of Object.entries(files.scenarios!)) {
      it(`${files.folder} — ${name}`, () => {
        const procedure = catalog.byCode.get((files.procedure as { code: string }).code)!;
        expect(runScenario(procedure, scenario as Scenario)).toEqual([]);
      });
    }
  }
});
