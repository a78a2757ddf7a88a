// The transactional outbox: a mail is a row written in the transaction of the change
// that causes it, so it goes out if and only if that change commits. A mail to a family
// is also copied to its inbox ("Ma boîte de réception famille").
import type { Db, Trx } from '../db.js';

export interface MailRequest {
  familyId?: string | null;
  to: string;
  subject: string;
  body: string;
  template?: string;
}

export async function enqueueMail(trx: Db | Trx, mail: MailRequest): Promise<number> {
  const [row] = await trx('outbox')
    .insert({ family_id: mail.familyId ?? null, to_address: mail.to, subject: mail.subject, body: mail.body, template: mail.template ?? null })
    .returning('id');
  const id = Number(row.id);
  if (mail.familyId) {
    await trx('inbox').insert({ family_id: mail.familyId, outbox_id: id, subject: mail.subject, body: mail.body });
  }
  return id;
}
