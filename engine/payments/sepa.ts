// SEPA Direct Debit (prélèvement SEPA CORE) initiation file, pain.008.001.02, built as a
// pure function: ids, dates and the creditor come in as arguments. Names are reduced to
// the SEPA Latin character set (accents dropped) and every value is XML-escaped.
import { electronicFormatIBAN, isSEPACountry, isValidBIC, isValidIBAN } from 'ibantools';

export type SequenceType = 'FRST' | 'RCUR';

export interface SepaCreditor {
  name: string;
  iban: string;
  bic?: string | null;
  /** Identifiant créancier SEPA (ICS). */
  ics: string;
}

export interface SepaTransaction {
  endToEndId: string;
  amountCents: number;
  /** Référence unique du mandat (RUM). */
  rum: string;
  mandateSignedOn: string;
  sequenceType: SequenceType;
  debtorName: string;
  debtorIban: string;
  debtorBic?: string | null;
  /** Remittance text (the invoice number). */
  remittance: string;
}

export interface SepaFileInput {
  messageId: string;
  /** Creation instant, ISO 8601 without milliseconds. */
  createdAt: string;
  /** Requested collection date (date d'échéance), YYYY-MM-DD. */
  collectionDate: string;
  creditor: SepaCreditor;
  transactions: SepaTransaction[];
}

export interface SepaIssue {
  path: string;
  message: string;
}

/** Letters, digits and the punctuation every SEPA bank accepts; the rest becomes a space. */
export function sepaText(value: string, max: number): string {
  const latin = value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ');
  return latin.replace(/\s+/g, ' ').trim().slice(0, max) || 'NON COMMUNIQUE';
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** "1234" cents → "12.34" (no floating point on the way). */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** IBAN in electronic form when valid and in the SEPA area, else undefined. */
export function sepaIban(iban: string): string | undefined {
  const electronic = electronicFormatIBAN(iban) ?? '';
  return isValidIBAN(electronic) && isSEPACountry(electronic.slice(0, 2)) ? electronic : undefined;
}

/** Everything that would make the bank reject the file, all at once. */
export function checkSepaFile(input: SepaFileInput): SepaIssue[] {
  const issues: SepaIssue[] = [];
  if (!sepaIban(input.creditor.iban)) issues.push({ path: 'creditor.iban', message: "L'IBAN du créancier (régie) est invalide." });
  if (input.creditor.bic && !isValidBIC(input.creditor.bic)) issues.push({ path: 'creditor.bic', message: 'Le BIC du créancier est invalide.' });
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(input.creditor.ics)) issues.push({ path: 'creditor.ics', message: "L'identifiant créancier SEPA (ICS) est invalide." });
  if (!input.transactions.length) issues.push({ path: 'transactions', message: 'Aucune opération à prélever.' });
  input.transactions.forEach((tx, i) => {
    if (!sepaIban(tx.debtorIban)) issues.push({ path: `transactions/${i}/debtorIban`, message: `IBAN invalide pour le mandat ${tx.rum}.` });
    if (tx.debtorBic && !isValidBIC(tx.debtorBic)) issues.push({ path: `transactions/${i}/debtorBic`, message: `BIC invalide pour le mandat ${tx.rum}.` });
    if (!Number.isInteger(tx.amountCents) || tx.amountCents <= 0) issues.push({ path: `transactions/${i}/amountCents`, message: `Montant invalide pour le mandat ${tx.rum}.` });
  });
  return issues;
}

const el = (name: string, content: string) => `<${name}>${content}</${name}>`;
const text = (name: string, value: string) => el(name, escapeXml(value));

function agent(bic?: string | null): string {
  return el('FinInstnId', bic ? text('BIC', bic.toUpperCase()) : el('Othr', text('Id', 'NOTPROVIDED')));
}

function transaction(tx: SepaTransaction): string {
  return el('DrctDbtTxInf', [
    el('PmtId', text('EndToEndId', sepaText(tx.endToEndId, 35))),
    `<InstdAmt Ccy="EUR">${centsToDecimal(tx.amountCents)}</InstdAmt>`,
    el('DrctDbtTx', el('MndtRltdInf', text('MndtId', tx.rum.slice(0, 35)) + text('DtOfSgntr', tx.mandateSignedOn))),
    el('DbtrAgt', agent(tx.debtorBic)),
    el('Dbtr', text('Nm', sepaText(tx.debtorName, 70))),
    el('DbtrAcct', el('Id', text('IBAN', sepaIban(tx.debtorIban)!))),
    el('RmtInf', text('Ustrd', sepaText(tx.remittance, 140))),
  ].join(''));
}

function paymentInfo(input: SepaFileInput, seq: SequenceType, txs: SepaTransaction[]): string {
  const { creditor } = input;
  return el('PmtInf', [
    text('PmtInfId', `${input.messageId}-${seq}`.slice(0, 35)),
    text('PmtMtd', 'DD'),
    text('NbOfTxs', String(txs.length)),
    text('CtrlSum', centsToDecimal(txs.reduce((s, t) => s + t.amountCents, 0))),
    el('PmtTpInf', el('SvcLvl', text('Cd', 'SEPA')) + el('LclInstrm', text('Cd', 'CORE')) + text('SeqTp', seq)),
    text('ReqdColltnDt', input.collectionDate),
    el('Cdtr', text('Nm', sepaText(creditor.name, 70))),
    el('CdtrAcct', el('Id', text('IBAN', sepaIban(creditor.iban)!))),
    el('CdtrAgt', agent(creditor.bic)),
    text('ChrgBr', 'SLEV'),
    el('CdtrSchmeId', el('Id', el('PrvtId', el('Othr', text('Id', creditor.ics) + el('SchmeNm', text('Prtry', 'SEPA')))))),
    ...txs.map(transaction),
  ].join(''));
}

/**
 * The pain.008.001.02 document: one PmtInf per sequence type (first debit of a mandate,
 * FRST, and later ones, RCUR), control sums in euros. Call checkSepaFile first.
 */
export function buildPain008(input: SepaFileInput): string {
  const total = input.transactions.reduce((s, t) => s + t.amountCents, 0);
  const groups = (['FRST', 'RCUR'] as const).map((seq) => [seq, input.transactions.filter((t) => t.sequenceType === seq)] as const).filter(([, txs]) => txs.length);
  const header = el('GrpHdr', [
    text('MsgId', input.messageId.slice(0, 35)),
    text('CreDtTm', input.createdAt),
    text('NbOfTxs', String(input.transactions.length)),
    text('CtrlSum', centsToDecimal(total)),
    el('InitgPty', text('Nm', sepaText(input.creditor.name, 70))),
  ].join(''));
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + el('CstmrDrctDbtInitn', header + groups.map(([seq, txs]) => paymentInfo(input, seq, txs)).join(''))
    + '</Document>\n';
}
