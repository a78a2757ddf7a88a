// New password + confirmation, with a live strength meter (colour code and words, so colour
// is not the only cue). The meter's dictionaries load lazily on first use.
import { useEffect, useId, useState } from 'react';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Strength } from './strength.js';

export const MIN_LENGTH = 12;

const LEVELS = [
  { label: 'Très faible', color: '#b3261e' },
  { label: 'Faible', color: '#c2410c' },
  { label: 'Moyen', color: '#8a5300' },
  { label: 'Fort', color: '#1b6e3a' },
  { label: 'Très fort', color: '#0f5132' },
];

type Estimate = (password: string, inputs?: string[]) => Strength;
let loading: Promise<Estimate> | null = null;
const loadEstimate = () => (loading ??= import('./strength.js').then((m) => m.estimate));

export function PasswordFields({
  password,
  confirmation,
  onPassword,
  onConfirmation,
  userInputs = [],
  errors = {},
}: {
  password: string;
  confirmation: string;
  onPassword: (v: string) => void;
  onConfirmation: (v: string) => void;
  userInputs?: string[];
  errors?: { password?: string; confirmation?: string };
}) {
  const id = useId();
  const [strength, setStrength] = useState<Strength | null>(null);
  useEffect(() => {
    let live = true;
    if (!password) {
      setStrength(null);
      return;
    }
    const timer = setTimeout(() => {
      void loadEstimate().then((estimate) => live && setStrength(estimate(password, userInputs)));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [password]);

  const tooShort = password.length > 0 && [...password].length < MIN_LENGTH;
  const score = strength ? (tooShort ? Math.min(strength.score, 1) : strength.score) : 0;
  const level = LEVELS[score];
  const mismatch = confirmation.length > 0 && confirmation !== password;

  return (
    <>
      <TextField
        label="Nouveau mot de passe"
        type="password"
        autoComplete="new-password"
        required
        fullWidth
        margin="normal"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={Boolean(errors.password)}
        helperText={errors.password ?? `${MIN_LENGTH} caractères au moins ; une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
        slotProps={{ htmlInput: { 'aria-describedby': `${id}-strength`, maxLength: 256 } }}
      />
      <Box id={`${id}-strength`} sx={{ mb: 1 }}>
        <LinearProgress
          variant="determinate"
          value={password ? ((score + 1) / LEVELS.length) * 100 : 0}
          aria-hidden="true"
          sx={{ height: 8, borderRadius: 4, bgcolor: '#e0e0e0', '& .MuiLinearProgress-bar': { bgcolor: password ? level.color : 'transparent' } }}
        />
        <Typography variant="body2" aria-live="polite" sx={{ mt: 0.5, color: password ? level.color : 'text.secondary', fontWeight: 700 }}>
          {password ? `Sécurité du mot de passe : ${level.label}${tooShort ? ` (${MIN_LENGTH} caractères au moins)` : ''}` : 'Sécurité du mot de passe : —'}
        </Typography>
        {strength?.warning && password && <Typography variant="body2">{strength.warning}</Typography>}
      </Box>
      <TextField
        label="Confirmation du mot de passe"
        type="password"
        autoComplete="new-password"
        required
        fullWidth
        margin="normal"
        value={confirmation}
        onChange={(e) => onConfirmation(e.target.value)}
        error={mismatch || Boolean(errors.confirmation)}
        helperText={errors.confirmation ?? (mismatch ? 'Les deux mots de passe ne sont pas identiques.' : 'Saisissez à nouveau votre mot de passe.')}
        slotProps={{ htmlInput: { maxLength: 256 } }}
      />
    </>
  );
}
