// DÉBUT for a démarche (once per child for a child démarche), or, when it is locked, the
// reason and a link to the démarche to do first.
import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { api, type ProcedureLock, type ProcedureSummary } from '../api.js';
import { useRouter } from '../router.js';

function Lock({ lock, all }: { lock: ProcedureLock | null; all: ProcedureSummary[] }) {
  const first = lock?.doFirst ? all.find((p) => p.code === lock.doFirst) : undefined;
  return (
    <Box sx={{ textAlign: 'left' }}>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {lock?.message ?? 'Cette démarche n’est pas disponible pour le moment.'}
      </Typography>
      {lock?.doFirst && (
        <Link href={`/demarches/${encodeURIComponent(lock.doFirst)}`} variant="body2">
          Faire d’abord la démarche {lock.doFirst}
          {first ? ` - ${first.title}` : ''}
        </Link>
      )}
    </Box>
  );
}

export function ProcedureActions({ procedure, all }: { procedure: ProcedureSummary; all: ProcedureSummary[] }) {
  const { navigate } = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async (childId?: string) => {
    setBusy(true);
    setError(null);
    try {
      const dossier = await api.createDossier(procedure.code, childId);
      navigate(`/dossiers/${encodeURIComponent(dossier.id)}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  const name = `${procedure.code} - ${procedure.title}`;
  let actions;
  if (procedure.subject === 'child' && procedure.children) {
    actions = procedure.children.length ? (
      procedure.children.map((child) =>
        child.available ? (
          <Button key={child.id} variant="contained" size="small" disabled={busy} onClick={() => start(child.id)} aria-label={`Commencer la démarche ${name} pour ${child.firstName}`}>
            DÉBUT — {child.firstName}
          </Button>
        ) : (
          <Box key={child.id}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>{child.firstName}</Typography>
            <Lock lock={child.lock} all={all} />
          </Box>
        ),
      )
    ) : (
      <Typography variant="body2" color="text.secondary">Aucun enfant enregistré sur votre compte famille.</Typography>
    );
  } else if (procedure.available) {
    actions = (
      <Button variant="contained" size="small" disabled={busy} onClick={() => start()} aria-label={`Commencer la démarche ${name}`}>
        DÉBUT
      </Button>
    );
  } else {
    actions = <Lock lock={procedure.lock} all={all} />;
  }
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 0.5 }}>
      {actions}
      {error && (
        <Typography role="alert" color="error" variant="body2" sx={{ textAlign: 'left' }}>
          {error}
        </Typography>
      )}
    </Box>
  );
}
