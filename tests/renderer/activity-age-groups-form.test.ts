// The activity form's age groups (admin/src/activities/form.ts): read back and sent back
// unchanged, emptied → null (removes them), untouched activity without groups → field not
// sent (left as stored), unreadable numbers reported at the server's field paths.
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../admin/src/activities/api.js';
import { toForm, toInput } from '../../admin/src/activities/form.js';

const GROUPS = [
  { key: 'maternelle', label: 'Maternelle (3-5 ans)', minAgeMonths: 30, maxAgeMonths: 71, capacity: 24 },
  { key: 'elementaire', label: 'Élémentaire (6-11 ans)', minAgeMonths: 72, maxAgeMonths: 143, capacity: 36 },
];
const activity: Activity = {
  id: '00000000-0000-4000-8000-000000000001', code: 'ALSH', name: 'Accueil de loisirs', kind: 'wednesday', capacity: null,
  minAgeMonths: null, maxAgeMonths: null, schoolIds: ['00000000-0000-4000-8000-000000000002'],
  deadlineRules: { book: 'J-2 ouvrés à 12:00', cancel: 'J-2 ouvrés à 12:00' },
  calendar: { zone: 'C', opens: ['wednesdays'], closedDays: [] },
  tariff: { mode: 'bands', schoolYear: '2026-2027', bands: [{ qfMin: 0, qfMax: null, priceCents: 500 }] },
  validation: 'automatic', active: true, unpaidBlockCents: null, ageGroups: GROUPS,
};

describe('tranches d’âge du formulaire d’activité', () => {
  it('renvoie les tranches lues telles quelles', () => {
    const form = toForm(activity, '2026-11-29');
    expect(form.ageGroups.map((g) => [g.code, g.minAgeMonths, g.maxAgeMonths, g.capacity])).toEqual([['maternelle', '30', '71', '24'], ['elementaire', '72', '143', '36']]);
    expect(toInput(form).input?.ageGroups).toEqual(GROUPS);
  });

  it('toutes supprimées → null (le serveur les retire) ; activité sans tranche → champ non envoyé', () => {
    expect(toInput({ ...toForm(activity, '2026-11-29'), ageGroups: [] }).input?.ageGroups).toBeNull();
    const without = toInput(toForm({ ...activity, ageGroups: null }, '2026-11-29')).input!;
    expect('ageGroups' in without).toBe(false);
  });

  it('signale aux chemins du serveur un âge ou une capacité illisible ou manquant', () => {
    const form = toForm(activity, '2026-11-29');
    form.ageGroups[1] = { ...form.ageGroups[1], minAgeMonths: '6 ans', capacity: '' };
    const { input, errors } = toInput(form);
    expect(input).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['/ageGroups/1/capacity', '/ageGroups/1/minAgeMonths']);
    expect(errors['/ageGroups/1/capacity']).toBe('Capacité de la tranche : obligatoire (nombre entier).');
  });
});
