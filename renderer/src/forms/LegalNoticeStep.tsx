// The first page of every démarche: the legal notice, and its mandatory confirmation.
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Typography from '@mui/material/Typography';
import type { LegalNotice } from '../../../engine/types.js';

export interface LegalNoticeStepProps {
  notice: LegalNotice;
  confirmed: boolean;
  onConfirmedChange?: (value: boolean) => void;
  /** Already confirmed on the server, or a read-only view. */
  locked?: boolean;
  error?: string | null;
  /** The heading level the page gives the notice title. */
  headingLevel?: 'h2' | 'h3';
}

export function LegalNoticeStep({ notice, confirmed, onConfirmedChange, locked, error, headingLevel = 'h2' }: LegalNoticeStepProps) {
  return (
    <Box component="section" aria-labelledby="notice-title">
      <Typography id="notice-title" component={headingLevel} variant="h2" tabIndex={-1} sx={{ mb: 2, outline: 'none' }} data-step-heading>
        {notice.title}
      </Typography>
      {notice.paragraphs.map((paragraph, i) => (
        <Typography key={i} paragraph sx={{ whiteSpace: 'pre-line' }}>
          {paragraph}
        </Typography>
      ))}
      <Box component="fieldset" sx={{ border: 1, borderColor: error ? 'error.main' : 'divider', borderRadius: 1, p: 2, mt: 2 }}>
        <Typography component="legend" sx={{ px: 1, fontWeight: 700 }}>
          Confirmation
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Champ obligatoire (*)
        </Typography>
        <FormControlLabel
          control={
            <Checkbox
              id="notice-confirmation"
              checked={confirmed}
              disabled={locked}
              onChange={(e) => onConfirmedChange?.(e.target.checked)}
              slotProps={{ input: { 'aria-required': true, 'aria-invalid': Boolean(error), 'aria-describedby': error ? 'notice-error' : undefined } }}
            />
          }
          label={
            <>
              {notice.confirmationLabel}
              <span aria-hidden="true"> *</span>
            </>
          }
        />
        {error && (
          <FormHelperText id="notice-error" error sx={{ fontSize: '0.95rem' }}>
            {error}
          </FormHelperText>
        )}
      </Box>
    </Box>
  );
}
