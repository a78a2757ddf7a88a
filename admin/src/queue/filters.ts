// Queue filters ⇄ the page's query string, so a filtered queue survives a reload, the back
// button, and can be shared with a colleague.
import type { QueueFilters } from '../api.js';

export const FILTER_KEYS = ['code', 'status', 'submittedFrom', 'submittedTo', 'family', 'number', 'olderThanDays', 'order'] as const;
export type FilterForm = Record<(typeof FILTER_KEYS)[number], string>;

export const emptyForm = (): FilterForm => ({ code: '', status: '', submittedFrom: '', submittedTo: '', family: '', number: '', olderThanDays: '', order: 'oldest' });

export function formFromSearch(search: string): FilterForm {
  const params = new URLSearchParams(search);
  const form = emptyForm();
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null) form[key] = value;
  }
  if (form.order !== 'newest') form.order = 'oldest';
  return form;
}

export function searchFromForm(form: FilterForm): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = form[key].trim();
    if (value && !(key === 'order' && value === 'oldest')) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API's filters; an impossible value (letters in a day count) is left out rather than sent. */
export function filtersFromForm(form: FilterForm, mine: boolean): QueueFilters {
  const filters: QueueFilters = { order: form.order === 'newest' ? 'newest' : 'oldest' };
  if (/^[0-9]{2,3}$/.test(form.code)) filters.code = form.code;
  if (/^[a-z][a-z0-9_]{0,40}$/.test(form.status)) filters.status = form.status;
  if (/^\d{4}-\d{2}-\d{2}$/.test(form.submittedFrom)) filters.submittedFrom = form.submittedFrom;
  if (/^\d{4}-\d{2}-\d{2}$/.test(form.submittedTo)) filters.submittedTo = form.submittedTo;
  if (form.family.trim()) filters.family = form.family.trim().slice(0, 100);
  if (form.number.trim()) filters.number = form.number.trim().slice(0, 30);
  if (/^\d{1,4}$/.test(form.olderThanDays.trim()) && Number(form.olderThanDays) <= 3650) filters.olderThanDays = Number(form.olderThanDays);
  if (mine) filters.mine = true;
  return filters;
}

/** Human summary of the active filters, for the results' caption. */
export function describeFilters(form: FilterForm, titles: Map<string, string>, statusLabels: Map<string, string>): string {
  const parts: string[] = [];
  if (form.code) parts.push(`démarche ${form.code}${titles.get(form.code) ? ` (${titles.get(form.code)})` : ''}`);
  if (form.status) parts.push(`statut « ${statusLabels.get(form.status) ?? form.status} »`);
  if (form.submittedFrom) parts.push(`déposés à partir du ${form.submittedFrom.split('-').reverse().join('/')}`);
  if (form.submittedTo) parts.push(`déposés jusqu’au ${form.submittedTo.split('-').reverse().join('/')}`);
  if (form.family.trim()) parts.push(`famille commençant par « ${form.family.trim()} »`);
  if (form.number.trim()) parts.push(`N° ${form.number.trim()}`);
  if (form.olderThanDays.trim()) parts.push(`en attente depuis plus de ${form.olderThanDays.trim()} jours`);
  parts.push(form.order === 'newest' ? 'les plus récents d’abord' : 'les plus anciens d’abord');
  return parts.join(', ');
}
