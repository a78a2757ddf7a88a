// Addresses of the billing pages of the back office.
import { BASE } from '../paths.js';

export const billingPaths = {
  invoices: `${BASE}/factures`,
  invoice: (id: string) => `${BASE}/factures/${encodeURIComponent(id)}`,
  run: `${BASE}/facturation`,
};
