// The back office's activity form state ⇄ API activity (admin/src/activities/form.ts):
// euros typed the French way become cents, an activity read back is sent back unchanged,
// unreadable numbers are reported at the same field paths the server uses.
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../admin/src/activities/api.js';
import { emptyForm, errorsFrom, toForm, toInput } from '../../admin/src/activities/form.js';

const activity: Activity = {
  id: '00000000-0000-4000-8000-000000000001', code: 'CANTINE', name: 'Restauration scolaire', kind: 'canteen', capacity: 180,
  minAgeMonths: 30, maxAgeMonths: 144, schoolIds: ['00000000-0000-4000-8000-000000000002'],
  deadlineRules: { book: 'J-2 ouvrés à 12:00', cancel: 'J-1 à 18:00' },
  calendar: { zone: 'A', opens: ['schoolDays'], weekdays: [1, 2, 4, 5], closedDays: ['2027-05-07'] },
  tariff: { mode: 'bands', schoolYear: '2026-2027', bands: [{ qfMin: 0, qfMax: 500, priceCents: 120 }, { qfMin: 500.01, qfMax: null, priceCents: 280 }] },
  validation: 'automatic', active: true, unpaidBlockCents: 15000,
};

describe('formulaire d’activité', () => {
  it('renvoie l’activité lue telle quelle (montants affichés en euros, envoyés en centimes)', () => {
    const form = toForm(activity, '2026-11-29');
    expect(form.bands.map((b) => [b.qfMin, b.qfMax, b.price])).toEqual([['0', '500', '1,20'], ['500,01', '', '2,80']]);
    expect(form.unpaidBlock).toBe('150,00');
    const { id: _id, ...expected } = activity;
    expect(toInput(form)).toEqual({ input: expected, errors: {} });
  });

  it('lit « 4,5 » € comme 450 centimes, un champ vide comme « sans valeur »', () => {
    const form = { ...toForm(activity, '2026-11-29'), capacity: '', unpaidBlock: ' ', tariffMode: 'effortRate' as const, ratePercent: '0,8', minPrice: '4,5', maxPrice: '18' };
    const { input } = toInput(form);
    expect(input).toMatchObject({ capacity: null, unpaidBlockCents: null, tariff: { kind: 'effortRate', ratePercent: 0.8, minCents: 450, maxCents: 1800 } });
  });

  it('signale aux chemins du serveur ce qui n’est pas un nombre, sans rien envoyer', () => {
    const form = toForm(activity, '2026-11-29');
    form.capacity = '12,5';
    form.bands[1].price = '2,805';
    form.bands[0].qfMin = 'zéro';
    form.schoolIds = [];
    const { input, errors } = toInput(form);
    expect(input).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['/capacity', '/schoolIds', '/tariff/bands/0/qfMin', '/tariff/bands/1/priceCents']);
  });

  it('un nouveau formulaire part de l’année scolaire du jour', () => {
    expect(emptyForm('2027-08-31').schoolYear).toBe('2026-2027');
    expect(emptyForm('2027-09-01').schoolYear).toBe('2027-2028');
  });

  it('place une erreur « obligatoire » sur le champ manquant', () => {
    expect(errorsFrom([
      { instancePath: '', keyword: 'required', message: 'Ce champ est obligatoire.', params: { missingProperty: 'name' } },
      { instancePath: '/tariff/bands/1/qfMin', message: 'chevauche' },
    ])).toEqual({ '/name': 'Ce champ est obligatoire.', '/tariff/bands/1/qfMin': 'chevauche' });
  });
});
