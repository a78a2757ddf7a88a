// The invoice (or credit note) as a PDF, drawn with pdf-lib: municipality header, family,
// number, period, the lines table, total, due date and how to pay. French formats throughout.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { readInvoice } from './invoicing-invoices.js';

type Invoice = Awaited<ReturnType<typeof readInvoice>>;

// Standard PDF fonts speak WinAnsi: French letters and € are in it, the narrow no-break
// space Intl puts in "1 234,56 €" is not.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const clean = (text: string) => [...text.replace(/[\u202f\u00a0]/g, ' ')]
  .map((c) => ((c >= ' ' && c <= '~') || (c >= '\u00a1' && c <= '\u00ff') || WIN_ANSI_EXTRA.includes(c) ? c : '?')).join('');

export const euros = (cents: number) => clean((cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' }));
export const frenchDate = (day: string | null) => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '');

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const GREY = rgb(0.35, 0.35, 0.35);
const COLUMNS = [
  { title: 'Date', x: MARGIN, width: 62 },
  { title: 'Enfant', x: MARGIN + 64, width: 108 },
  { title: 'Activité', x: MARGIN + 174, width: 170 },
  { title: 'Qté', x: MARGIN + 346, width: 30, right: true },
  { title: 'Prix unitaire', x: MARGIN + 378, width: 60, right: true },
  { title: 'Montant', x: MARGIN + 440, width: 59, right: true },
];

/** Shortens text to fit a width (with "…" replaced by "." since it must stay WinAnsi). */
function fit(font: PDFFont, text: string, size: number, width: number): string {
  let t = clean(text);
  while (t.length > 1 && font.widthOfTextAtSize(t, size) > width) t = `${t.slice(0, -2)}.`;
  return t;
}

export async function invoicePdf(invoice: Invoice, municipality: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const credit = invoice.kind === 'credit_note';
  const title = `${credit ? 'Avoir' : 'Facture'} ${invoice.number}`;
  pdf.setTitle(title);
  pdf.setSubject(`${title} - ${invoice.familyName} - ${invoice.periodLabel}`);
  pdf.setAuthor(clean(`Ville de ${municipality} - Régie Enfance`));
  pdf.setLanguage('fr-FR');
  pdf.setProducer('Portail Famille');
  pdf.setCreator('Portail Famille');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const text = (t: string, x: number, size = 10, f = font, color = rgb(0, 0, 0)) => page.drawText(clean(t), { x, y, size, font: f, color });
  const right = (t: string, xRight: number, size = 10, f = font) => page.drawText(clean(t), { x: xRight - f.widthOfTextAtSize(clean(t), size), y, size, font: f });

  text(`Ville de ${municipality}`, MARGIN, 16, bold);
  y -= 16;
  text('Régie Enfance - Portail Famille', MARGIN, 10, font, GREY);
  y -= 36;
  text(title, MARGIN, 18, bold);
  y -= 20;
  text(`Période : ${invoice.periodLabel} (du ${frenchDate(invoice.periodStart)} au ${frenchDate(invoice.periodEnd)})`, MARGIN);
  y -= 14;
  text(`Émise le ${frenchDate(invoice.issuedAt.slice(0, 10))}`, MARGIN);
  if (invoice.creditFor) {
    y -= 14;
    text(`Annule la facture ${invoice.creditFor.number}`, MARGIN, 10, bold);
  }
  // Family block, on the right.
  let fy = A4[1] - MARGIN - 52;
  for (const [i, line] of [`Famille ${invoice.family.name ?? ''}`, invoice.family.street, invoice.family.complement, [invoice.family.postalCode, invoice.family.city].filter(Boolean).join(' ')].filter(Boolean).entries()) {
    page.drawText(clean(String(line)), { x: 340, y: fy, size: 10, font: i === 0 ? bold : font });
    fy -= 13;
  }
  y -= 34;

  const header = () => {
    for (const c of COLUMNS) c.right ? right(c.title, c.x + c.width, 9, bold) : text(c.title, c.x, 9, bold);
    y -= 6;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.7, color: GREY });
    y -= 13;
  };
  header();
  for (const line of invoice.lines) {
    if (y < MARGIN + 90) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
      text(`${title} (suite)`, MARGIN, 11, bold);
      y -= 24;
      header();
    }
    const cells = [frenchDate(line.date), line.childName, line.label, String(line.quantity).replace('.', ','), euros(line.unitPriceCents), euros(line.amountCents)];
    COLUMNS.forEach((c, i) => (c.right ? right(cells[i]!, c.x + c.width, 9) : text(fit(font, cells[i]!, 9, c.width), c.x, 9)));
    y -= 13;
  }
  if (!invoice.lines.length) {
    text('Aucune ligne.', MARGIN, 9, font, GREY);
    y -= 13;
  }
  page.drawLine({ start: { x: MARGIN, y: y + 6 }, end: { x: A4[0] - MARGIN, y: y + 6 }, thickness: 0.7, color: GREY });
  y -= 10;
  text('TOTAL', MARGIN + 346, 12, bold);
  right(euros(invoice.totalCents), A4[0] - MARGIN, 12, bold);
  y -= 30;
  for (const line of paymentInstructions(invoice)) {
    text(line.text, MARGIN, line.strong ? 11 : 10, line.strong ? bold : font);
    y -= 15;
  }
  return pdf.save();
}

/** What the family must do: pay online before the deadline, nothing (direct debit), or nothing (credit note). */
export function paymentInstructions(invoice: Invoice): { text: string; strong?: boolean }[] {
  if (invoice.kind === 'credit_note') return [{ text: `Cet avoir annule la facture ${invoice.creditFor?.number ?? ''}.`, strong: true }, { text: 'Vous n\'avez rien à payer au titre de la facture annulée.' }];
  if (invoice.status === 'cancelled') return [{ text: `Facture annulée${invoice.creditNote ? ` par l'avoir ${invoice.creditNote.number}` : ''}.`, strong: true }];
  if (invoice.status === 'paid') return [{ text: 'Facture payée. Merci.', strong: true }];
  if (invoice.collectionMethod === 'direct_debit') {
    return [
      { text: `Prélèvement automatique le ${frenchDate(invoice.dueDate)}`, strong: true },
      { text: `Le montant de ${euros(invoice.remainingCents)} sera prélevé sur le compte de votre mandat SEPA : vous n'avez rien à faire.` },
    ];
  }
  return [
    { text: `Échéance : ${frenchDate(invoice.dueDate)}`, strong: true },
    { text: `Payer jusqu'au ${frenchDate(invoice.onlinePaymentUntil)} en ligne sur le Portail Famille (Mes factures, bouton PAYER),` },
    { text: `ou auprès de la régie (chèque à l'ordre du Trésor public, espèces), en rappelant le numéro ${invoice.number}.` },
  ];
}
