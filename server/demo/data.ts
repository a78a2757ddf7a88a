// The demo municipality (Villebourg). Ids are fixed so the seed is idempotent.
export const id = (key: string) => {
  const hex = Buffer.from(key).toString('hex').padStart(12, '0').slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
};

/** Password of the demo accounts that have one (README). */
export const DEMO_PASSWORD = 'Cartable-Marelle-Goûter-42';

export const SCHOOLS = [
  { id: id('s1'), code: 'TILLEULS', name: 'École maternelle Les Tilleuls', level: 'maternelle', classes: ['PS', 'MS', 'GS'] },
  { id: id('s2'), code: 'FERRY', name: 'École élémentaire Jules Ferry', level: 'elementaire', classes: ['CP', 'CE1', 'CE2', 'CM1', 'CM2'] },
  { id: id('s3'), code: 'CURIE', name: 'École primaire Marie Curie', level: 'primaire', classes: ['PS-MS', 'GS-CP', 'CE1-CE2', 'CM1-CM2'] },
];
const ALL = SCHOOLS.map((s) => s.id);

// QF bands [min, max (null = no upper bound), price in cents]. No QF → highest band.
const CANTEEN_BANDS: [number, number | null, number][] = [[0, 500, 120], [500.01, 900, 280], [900.01, 1400, 420], [1400.01, null, 560]];
const CARE_BANDS: [number, number | null, number][] = [[0, 500, 80], [500.01, 900, 150], [900.01, null, 230]];
const DAY_BANDS: [number, number | null, number][] = [[0, 500, 450], [500.01, 900, 900], [900.01, 1400, 1400], [1400.01, null, 1900]];

// Deadlines in the grammar of engine/calendar/deadlines.ts; calendars of zone C (Villebourg,
// 77 — académie de Créteil). Holiday centre: bookings close 15 days before the day.
const twoWorkingDays = { book: 'J-2 ouvrés à 12:00', cancel: 'J-2 ouvrés à 12:00' };
const schoolDays = { zone: 'C', opens: ['schoolDays'], closedDays: [] as string[] };
export const ACTIVITIES = [
  { id: id('a1'), code: 'CANTINE', name: 'Restauration scolaire', kind: 'canteen', capacity: 180, min_age_months: 30, max_age_months: 144, deadline_rules: twoWorkingDays, calendar: schoolDays, validation: 'automatic', schools: ALL, bands: CANTEEN_BANDS },
  { id: id('a2'), code: 'PERI-MATIN', name: 'Accueil périscolaire du matin', kind: 'before_school', capacity: 40, min_age_months: 30, max_age_months: 144, deadline_rules: twoWorkingDays, calendar: schoolDays, validation: 'automatic', schools: ALL, bands: CARE_BANDS },
  { id: id('a3'), code: 'PERI-SOIR', name: 'Accueil périscolaire du soir', kind: 'after_school', capacity: 60, min_age_months: 30, max_age_months: 144, deadline_rules: twoWorkingDays, calendar: schoolDays, validation: 'automatic', schools: ALL, bands: CARE_BANDS },
  { id: id('a4'), code: 'MERCREDI', name: 'Centre de loisirs du mercredi', kind: 'wednesday', capacity: 48, min_age_months: 36, max_age_months: 144, deadline_rules: { book: 'jeudi de la semaine précédente à 12:00', cancel: 'jeudi de la semaine précédente à 12:00' }, calendar: { zone: 'C', opens: ['wednesdays'], closedDays: [] as string[] }, validation: 'manual', schools: ALL, bands: DAY_BANDS },
  { id: id('a5'), code: 'VACANCES', name: 'Centre de loisirs des vacances', kind: 'holiday', capacity: 72, min_age_months: 36, max_age_months: 168, deadline_rules: { book: 'J-15', cancel: 'J-15' }, calendar: { zone: 'C', opens: ['holidays'], closedDays: [] as string[] }, validation: 'manual', schools: ALL, bands: DAY_BANDS },
];

const addr = (street: string) => ({ address_street: street, address_postal_code: '77100', address_city: 'Villebourg' });
export const FAMILIES = [
  { id: id('f1'), name: 'MARTIN', email: 'claire.martin@example.fr', home_phone: '01 23 45 67 89', caf_number: '1234567', ...addr('12 rue des Lilas'), quotient: 650 as number | null },
  { id: id('f2'), name: 'BERNARD', email: 'paul.bernard@example.fr', ...addr('3 impasse du Moulin'), quotient: 1200 as number | null },
  { id: id('f3'), name: 'PETIT', email: 'sophie.petit@example.fr', ...addr('45 avenue de la Gare'), quotient: null as number | null },
];

const g = (key: string, family: number, civility: string, first: string, last: string, email: string, relation: string) => ({
  id: id(key), family_id: FAMILIES[family].id, civility, first_name: first, last_name: last, email, relation, mobile_phone: '06 12 34 56 78', birth_date: '1985-04-12',
});
export const GUARDIANS = [
  g('g1', 0, 'Madame', 'Claire', 'MARTIN', 'claire.martin@example.fr', 'mere'),
  g('g2', 0, 'Monsieur', 'Julien', 'MARTIN', 'julien.martin@example.fr', 'pere'),
  g('g3', 1, 'Monsieur', 'Paul', 'BERNARD', 'paul.bernard@example.fr', 'pere'),
  g('g4', 2, 'Madame', 'Sophie', 'PETIT', 'sophie.petit@example.fr', 'mere'),
];

export const CHILDREN = [
  { id: id('e1'), first_name: 'Léa', last_name: 'MARTIN', birth_date: '2018-03-14', sex: 'F', families: [FAMILIES[0].id], school: SCHOOLS[1].id, className: 'CE1',
    health: { doctorName: 'Dr Morel', doctorPhone: '01 60 00 00 00', allergies: [{ kind: 'alimentaire', details: 'arachide' }], pai: true, paiDetails: 'Trousse d’urgence en classe', diet: 'sans porc' } },
  { id: id('e2'), first_name: 'Tom', last_name: 'MARTIN', birth_date: '2021-09-02', sex: 'M', families: [FAMILIES[0].id], school: SCHOOLS[0].id, className: 'PS', health: null },
  // Separated parents: Lucas belongs to the BERNARD and PETIT households.
  { id: id('e3'), first_name: 'Lucas', last_name: 'BERNARD', birth_date: '2016-11-20', sex: 'M', families: [FAMILIES[1].id, FAMILIES[2].id], school: SCHOOLS[2].id, className: 'CM1-CM2', health: null },
];

export const USERS = [
  { id: id('u1'), role: 'parent', family_id: FAMILIES[0].id, guardian_id: id('g1'), email: 'claire.martin@example.fr', display_name: 'Claire MARTIN', withPassword: true },
  { id: id('u2'), role: 'parent', family_id: FAMILIES[1].id, guardian_id: id('g3'), email: 'paul.bernard@example.fr', display_name: 'Paul BERNARD', withPassword: true },
  // No password yet: the demo of "Générer un mot de passe" (first connection).
  { id: id('u3'), role: 'parent', family_id: FAMILIES[2].id, guardian_id: id('g4'), email: 'sophie.petit@example.fr', display_name: 'Sophie PETIT', withPassword: false },
  { id: id('u4'), role: 'agent', family_id: null, guardian_id: null, email: 'agent@villebourg.fr', display_name: 'Agent du service Enfance', withPassword: true },
  { id: id('u5'), role: 'admin', family_id: null, guardian_id: null, email: 'admin@villebourg.fr', display_name: 'Administrateur', withPassword: true },
];

// Claire MARTIN's children are enrolled in the canteen and after-school care for the school
// year (as démarche 09 would do), so her planning has something to show.
export const ENROLMENTS = ['e1', 'e2'].flatMap((child) => ['a1', 'a3'].map((activity) => ({
  id: id(`n${child}${activity}`), family_id: FAMILIES[0].id, child_id: id(child), activity_id: id(activity), status: 'active',
})));
