// The portal's own MUI theme (the State's DSFR is reserved to the State): high contrast
// (WCAG AA on every text/background pair used), visible focus, French component texts.
import { createTheme } from '@mui/material/styles';
import { frFR } from '@mui/material/locale';
import { Link } from './router.js';

const focusRing = { outline: '3px solid #f5a700', outlineOffset: '2px' };

export const theme = createTheme(
  {
    palette: {
      primary: { main: '#0b4f8a', contrastText: '#ffffff' }, // 8.4:1 on white
      secondary: { main: '#7a2e8e', contrastText: '#ffffff' },
      error: { main: '#b3261e' }, // 6.5:1 on white
      success: { main: '#1b6e3a' },
      warning: { main: '#8a5300' },
      text: { primary: '#1a1a1a', secondary: '#4a4a4a' }, // 4.5:1+ on white and on #f5f7fa
      background: { default: '#f5f7fa', paper: '#ffffff' },
    },
    shape: { borderRadius: 6 },
    typography: {
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      h1: { fontSize: '1.75rem', fontWeight: 700 },
      h2: { fontSize: '1.35rem', fontWeight: 700 },
      h3: { fontSize: '1.1rem', fontWeight: 700 },
      button: { fontWeight: 700 },
    },
    components: {
      MuiButtonBase: {
        defaultProps: { LinkComponent: Link },
        styleOverrides: { root: { '&.Mui-focusVisible': focusRing } },
      },
      MuiLink: { defaultProps: { component: Link, underline: 'always' }, styleOverrides: { root: { '&:focus-visible': focusRing } } },
      // Read-only fields (a correction leaves only the named ones editable) must look different.
      MuiOutlinedInput: { styleOverrides: { root: { '&.Mui-disabled': { backgroundColor: '#eceff3' } } } },
      MuiCheckbox: { styleOverrides: { root: { '&.Mui-focusVisible': focusRing } } },
      MuiCssBaseline: {
        styleOverrides: {
          'a:focus-visible, [tabindex]:focus-visible, input:focus-visible': focusRing,
          '.visually-hidden': {
            position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden',
            clip: 'rect(0,0,0,0)', whiteSpace: 'nowrap', border: 0,
          },
        },
      },
    },
  },
  frFR,
);
