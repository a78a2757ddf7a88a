// The family's answers, step by step as the definition's uischema orders them, as text
// (renderer/src/forms AnswersView: labels and answers are never HTML). A button opens the same
// steps in the JSONForms renderer set, read only, exactly as the family filled them; that
// view (material renderers) is a chunk of its own, loaded on demand.
import { lazy, Suspense, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { AnswersView } from '../../../renderer/src/forms/AnswersView.js';
import { JustificatifProvider } from '../../../renderer/src/forms/JustificatifRenderer.js';
import { Loading } from '../../../renderer/src/ui.js';
import type { AttachmentRef } from '../../../engine/types.js';
import type { ReviewDefinition } from '../api.js';
import { adminApi } from '../api.js';

const FormView = lazy(() => import('./FormView.js'));

interface Category {
  label?: string;
  elements?: { type: string }[];
}

/** The steps of a definition (the Categories of its Categorization), as StepForm reads them. */
export function categoriesOf(uischema: Record<string, unknown>): Category[] {
  const elements = (uischema as { elements?: Category[] }).elements ?? [];
  return uischema.type === 'Categorization' ? elements : [{ label: '', elements: [uischema as { type: string }] }];
}

export function AnswersSection({ definition, answers, attachments }: { definition: ReviewDefinition; answers: Record<string, unknown>; attachments: Record<string, AttachmentRef[]> }) {
  const [asForm, setAsForm] = useState(false);
  const context = { specs: definition.justificatifs, attachments, answers, fileUrl: (id: string) => adminApi.fileUrl(id, true), headingLevel: 'h4' as const };
  return (
    <>
      <Button variant="outlined" size="small" aria-pressed={asForm} onClick={() => setAsForm((v) => !v)} sx={{ mb: 2 }}>
        {asForm ? 'Afficher les réponses en texte' : 'Afficher le formulaire tel que la famille l’a rempli'}
      </Button>
      {asForm ? (
        <Suspense fallback={<Loading label="Chargement du formulaire" />}>
          <FormView definition={definition} answers={answers} attachments={attachments} />
        </Suspense>
      ) : (
        <JustificatifProvider value={context}>
          {categoriesOf(definition.uischema).map((category, i) => (
            <Box component="section" key={i} aria-labelledby={`etape-${i}`} sx={{ mb: 3 }}>
              <Typography id={`etape-${i}`} component="h3" variant="h3" sx={{ mb: 1, borderBottom: 1, borderColor: 'divider', pb: 0.5 }}>
                {category.label || `Étape ${i + 1}`}
              </Typography>
              <AnswersView schema={definition.schema} elements={(category.elements ?? []) as never} answers={answers} />
            </Box>
          ))}
        </JustificatifProvider>
      )}
    </>
  );
}
