// A dossier's answers, read only, step by step with their justificatifs: the wizard's last
// page, a submitted dossier, and the agents' view in the back office.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { AttachmentRef, JustificatifSpec } from '../../../engine/types.js';
import { AnswersView } from './AnswersView.js';
import { JustificatifProvider } from './JustificatifRenderer.js';
import { categoriesOf } from './StepForm.js';

export interface DossierSummaryProps {
  schema: Record<string, unknown>;
  uischema: Record<string, unknown>;
  justificatifs: JustificatifSpec[];
  answers: Record<string, unknown>;
  attachments: Record<string, AttachmentRef[]>;
  fileUrl: (fileId: string) => string;
  /** Level of each step's heading (the page above holds h1 and maybe h2). */
  headingLevel?: 'h2' | 'h3';
  /** Keys of required justificatifs still missing (shown in red). */
  missing?: string[];
}

export function DossierSummary({ schema, uischema, justificatifs, answers, attachments, fileUrl, headingLevel = 'h3', missing }: DossierSummaryProps) {
  return (
    <JustificatifProvider value={{ specs: justificatifs, attachments, answers, fileUrl, missing, headingLevel: headingLevel === 'h2' ? 'h3' : 'h4' }}>
      {categoriesOf(uischema).map((category, i) => (
        <Box component="section" key={i} aria-labelledby={`summary-step-${i}`} sx={{ mb: 3 }}>
          <Typography id={`summary-step-${i}`} component={headingLevel} variant="h3" sx={{ mb: 1, borderBottom: 1, borderColor: 'divider', pb: 0.5 }}>
            {category.label || `Étape ${i + 1}`}
          </Typography>
          <AnswersView schema={schema} elements={category.elements ?? []} answers={answers} />
        </Box>
      ))}
    </JustificatifProvider>
  );
}
