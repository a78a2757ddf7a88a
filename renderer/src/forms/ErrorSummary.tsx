// The list of problems at the top of a step after a failed "Suivant" (or a refused submit):
// it takes focus, and each entry moves focus to its field or justificatif.
import { forwardRef } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Link from '@mui/material/Link';

export interface SummaryEntry {
  id: string;
  text: string;
  /** Moves focus to the field; absent: the entry is plain text. */
  onSelect?: () => void;
}

export const ErrorSummary = forwardRef<HTMLDivElement, { title?: string; entries: SummaryEntry[] }>(function ErrorSummary(
  { title, entries },
  ref,
) {
  if (!entries.length) return null;
  const heading = title ?? (entries.length > 1 ? `${entries.length} points sont à corriger` : 'Un point est à corriger');
  return (
    <Alert ref={ref} severity="error" role="alert" tabIndex={-1} sx={{ mb: 2, '&:focus': { outline: '3px solid #f5a700' } }}>
      <AlertTitle component="h2" sx={{ fontSize: '1.05rem', fontWeight: 700 }}>{heading}</AlertTitle>
      <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
        {entries.map((entry) => (
          <li key={entry.id}>
            {entry.onSelect ? (
              <Link
                component="button"
                type="button"
                onClick={entry.onSelect}
                sx={{ display: 'inline', textAlign: 'left', color: 'inherit', fontWeight: 600, verticalAlign: 'top' }}
              >
                {entry.text}
              </Link>
            ) : (
              entry.text
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
});
