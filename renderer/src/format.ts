// French formats for dates and amounts (Europe/Paris days).
const dateFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const timeFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  // A bare "YYYY-MM-DD" is a day, not an instant: read it at noon UTC so no zone shifts it.
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const formatDate = (value: string | Date | null | undefined) => {
  const d = toDate(value);
  return d ? dateFmt.format(d) : '';
};
export const formatDateTime = (value: string | Date | null | undefined) => {
  const d = toDate(value);
  return d ? dateTimeFmt.format(d).replace(',', '') : '';
};
export const formatTime = (value: string | Date | null | undefined) => {
  const d = toDate(value);
  return d ? timeFmt.format(d) : '';
};
export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`;
export const formatEuros = (cents: number) => (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
