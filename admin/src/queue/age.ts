/** "Aujourd'hui", "1 jour", "12 jours": how long a dossier has waited since submission. */
export function ageText(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  if (days <= 0) return 'Aujourd’hui';
  return days === 1 ? '1 jour' : `${days.toLocaleString('fr-FR')} jours`;
}
