// The dossier's steps drawn by the parents' renderer set (renderer/src/forms StepForm), read
// only: what the family saw, on the definition version it used.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { FormsProvider, JustificatifProvider, StepForm, categoriesOf } from '../../../renderer/src/forms/index.js';
import type { AttachmentRef } from '../../../engine/types.js';
import { adminApi, type ReviewDefinition } from '../api.js';

export default function FormView({ definition, answers, attachments }: { definition: ReviewDefinition; answers: Record<string, unknown>; attachments: Record<string, AttachmentRef[]> }) {
  return (
    <FormsProvider>
      <JustificatifProvider value={{ specs: definition.justificatifs, attachments, answers, fileUrl: (id) => adminApi.fileUrl(id, true), headingLevel: 'h4' }}>
        {categoriesOf(definition.uischema).map((category, i) => (
          <Box component="section" key={i} aria-labelledby={`form-etape-${i}`} sx={{ mb: 3 }}>
            <Typography id={`form-etape-${i}`} component="h3" variant="h3" sx={{ mb: 1, borderBottom: 1, borderColor: 'divider', pb: 0.5 }}>
              {category.label || `Étape ${i + 1}`}
            </Typography>
            <StepForm schema={definition.schema} category={category} data={answers} readonly />
          </Box>
        ))}
      </JustificatifProvider>
    </FormsProvider>
  );
}
