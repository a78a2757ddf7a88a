// Short ways for integration tests to bring a dossier where they need it, over HTTP.
import type { TestClient } from './app.js';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export async function upload(client: TestClient, path: string, files: { name: string; data: Buffer; type?: string }[]) {
  const form = new FormData();
  for (const f of files) form.append('files', new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/pdf' }), f.name);
  const request = new Request('http://x/', { method: 'POST', body: form });
  return client.request('POST', path, { raw: Buffer.from(await request.arrayBuffer()), headers: { 'Content-Type': request.headers.get('content-type')! } });
}

function expectOk(res: { status: number; text: string }, what: string) {
  if (res.status >= 300) throw new Error(`${what} : ${res.status} ${res.text}`);
}

/** A change-of-address dossier (04) submitted with its proof; returns its id and number. */
export async function submitAddressChange(parent: TestClient, street = '8 chemin des Vignes'): Promise<{ id: string; number: string }> {
  const created = await parent.post('/api/dossiers', { code: '04' });
  expectOk(created, 'création du dossier');
  const id = created.body.id as string;
  expectOk(await parent.post(`/api/dossiers/${id}/notice`), 'mentions légales');
  expectOk(await parent.put(`/api/dossiers/${id}/answers`, { answers: { nouvelleAdresse: { rue: street, codePostal: '77100', commune: 'Villebourg' }, dateEmmenagement: '2026-11-02' }, step: 1 }), 'enregistrement');
  expectOk(await upload(parent, `/api/dossiers/${id}/attachments/justificatifDomicile`, [{ name: 'facture.pdf', data: PDF }]), 'justificatif');
  const sent = await parent.post(`/api/dossiers/${id}/submit`);
  expectOk(sent, 'envoi');
  return { id, number: sent.body.number };
}
