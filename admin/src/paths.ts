// Every address of the back office lives under /admin/ (vite base, server mount).
export const BASE = '/admin';

export const paths = {
  queues: `${BASE}/`,
  mine: `${BASE}/pris-en-charge`,
  dossier: (id: string) => `${BASE}/dossiers/${encodeURIComponent(id)}`,
  agents: `${BASE}/agents`,
  login: `${BASE}/connexion`,
};

/** The pathname inside the back office ("/admin/dossiers/x" → "/dossiers/x"). */
export function innerPath(pathname: string): string {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return rest === '' ? '/' : rest;
}
