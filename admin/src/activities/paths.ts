// Addresses of the activity pages of the back office (under /admin/).
import { BASE } from '../paths.js';

export const activityPaths = {
  list: `${BASE}/activites`,
  create: `${BASE}/activites/nouvelle`,
  edit: (id: string) => `${BASE}/activites/${encodeURIComponent(id)}`,
  attendance: (activityId?: string, date?: string) => {
    const query = new URLSearchParams();
    if (activityId) query.set('activite', activityId);
    if (date) query.set('date', date);
    const text = query.toString();
    return `${BASE}/presences${text ? `?${text}` : ''}`;
  },
};

/** Today in Europe/Paris, YYYY-MM-DD. */
export const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A money amount in cents, written in euros the French way (12,50 €). */
export const euros = (cents: number) => (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
