// Definitions are written by administrators: their labels, notices and justificatif texts are
// untrusted. Rendered by the shared form pieces, markup in them must come out as text.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

// The browser code is TSX checked by renderer/tsconfig.json; imported by a computed path so the
// Node project's typecheck does not try to compile it.
const forms = '../../renderer/src/forms/index.js';
const { StepForm, DossierSummary, LegalNoticeStep, JustificatifProvider } = await import(/* @vite-ignore */ forms);

const EVIL = '<img src=x onerror="alert(1)">';
const schema = {
  type: 'object',
  properties: {
    nom: { type: 'string', title: `Nom ${EVIL}` },
    choix: { type: 'string', title: `Choix ${EVIL}`, enum: ['a', 'b'] },
  },
};
const uischema = {
  type: 'Categorization',
  elements: [{
    type: 'Category', label: `Étape ${EVIL}`,
    elements: [
      { type: 'Label', text: `Aide ${EVIL}` },
      { type: 'Control', scope: '#/properties/nom' },
      { type: 'Control', scope: '#/properties/choix', label: `Libellé ${EVIL}` },
      { type: 'Justificatif', key: 'piece' },
    ],
  }],
};
const justificatifs = [{ key: 'piece', label: `Pièce ${EVIL}`, description: `Décrite ${EVIL}`, required: true, accept: ['application/pdf'], maxSize: 1024 }];
const answers = { nom: EVIL, choix: 'a' };
const attachments = { piece: [{ id: 'f1', name: `${EVIL}.pdf`, type: 'application/pdf', size: 10 }] };

function expectNoMarkup(html: string) {
  expect(html).not.toMatch(/<img/i);
  expect(html).toContain('&lt;img');
}

describe('les textes des définitions sont rendus comme du texte', () => {
  it('étape (JSONForms + renderers du portail)', () => {
    const context = { specs: justificatifs, attachments, answers, fileUrl: (id: string) => `/api/files/${id}`, upload: async () => {}, remove: async () => {} };
    const html = renderToString(
      createElement(JustificatifProvider, { value: context }, createElement(StepForm, { schema, category: uischema.elements[0], data: answers })),
    );
    expectNoMarkup(html);
    expect(html).toContain('Nom &lt;img');
  });

  it('récapitulatif', () => {
    const html = renderToString(
      createElement(DossierSummary, { schema, uischema, justificatifs, answers, attachments, fileUrl: (id: string) => `/api/files/${id}` }),
    );
    expectNoMarkup(html);
  });

  it('mentions légales', () => {
    const html = renderToString(
      createElement(LegalNoticeStep, { notice: { title: `Titre ${EVIL}`, paragraphs: [`Paragraphe ${EVIL}`], confirmationLabel: `J'accepte ${EVIL}` }, confirmed: false }),
    );
    expectNoMarkup(html);
  });
});
