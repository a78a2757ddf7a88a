// Everything the form pieces need around them: date pickers in French (dayjs 'fr').
// The admin back office wraps its read-only view and its live preview in it too.
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/fr';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { frFR } from '@mui/x-date-pickers/locales';

// JSONForms' date controls open their own LocalizationProvider without a locale: the global
// dayjs locale is what they use.
dayjs.locale('fr');

const localeText = frFR.components.MuiLocalizationProvider.defaultProps.localeText;

export function FormsProvider({ children }: { children: ReactNode }) {
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale="fr" localeText={localeText}>
      {children}
    </LocalizationProvider>
  );
}
