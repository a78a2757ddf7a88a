// Where the parent is in the démarche: legal notice, the definition's steps, the summary.
// On a phone the full stepper would not fit: "Étape 2 sur 4 : …" instead.
import Box from '@mui/material/Box';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';

export interface WizardStepperProps {
  labels: string[];
  /** Index in `labels`. */
  active: number;
}

export function WizardStepper({ labels, active }: WizardStepperProps) {
  return (
    <Box component="nav" aria-label="Étapes de la démarche" sx={{ mb: 3 }}>
      <Typography sx={{ display: { xs: 'block', md: 'none' }, fontWeight: 700 }}>
        Étape {active + 1} sur {labels.length} : {labels[active]}
      </Typography>
      <Stepper activeStep={active} alternativeLabel component="ol" sx={{ display: { xs: 'none', md: 'flex' }, listStyle: 'none', p: 0, m: 0 }}>
        {labels.map((label, i) => (
          <Step key={i} component="li" completed={i < active} aria-current={i === active ? 'step' : undefined}>
            <StepLabel>
              {label}
              <span className="visually-hidden">{i < active ? ' (terminée)' : i === active ? ' (étape en cours)' : ''}</span>
            </StepLabel>
          </Step>
        ))}
      </Stepper>
    </Box>
  );
}
