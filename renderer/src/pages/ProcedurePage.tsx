// /demarches/:code — one démarche: what it is for, and DÉBUT (or why not yet).
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Link from '@mui/material/Link';
import { api } from '../api.js';
import { useAsync } from '../useAsync.js';
import { LoadError, Loading, PageHeading } from '../ui.js';
import { ProcedureActions } from './ProcedureActions.js';

export default function ProcedurePage({ params }: { params: Record<string, string> }) {
  const state = useAsync(() => api.procedures(), []);
  const procedure = state.data?.find((p) => p.code === params.code);
  if (state.error) return <LoadError message={state.error} onRetry={state.reload} />;
  if (state.loading) return <Loading />;
  if (!procedure) {
    return (
      <>
        <PageHeading title="Démarche introuvable" />
        <Typography>Cette démarche n’existe pas ou n’est plus proposée. <Link href="/">Retour à Mon espace</Link></Typography>
      </>
    );
  }
  return (
    <>
      <PageHeading title={`${procedure.code} - ${procedure.title}`} />
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography paragraph>{procedure.summary}</Typography>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
          <ProcedureActions procedure={procedure} all={state.data ?? []} />
        </Box>
      </Paper>
    </>
  );
}
