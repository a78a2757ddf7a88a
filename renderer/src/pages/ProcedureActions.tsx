// DÉBUT for a démarche (once per child for a child démarche), or, when it is locked, the
// reason and a link to the démarche to do first.
import { useState, type ReactElement } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { api, type ProcedureLock, type ProcedureSummary } from '../api.js';
import { useRouter } from '../router.js';

function Lock({ lock, all, who }: { lock: ProcedureLock | null; all: ProcedureSummary[]; who?: string }) {
  const first = lock?.doFirst ? all.find((p) => p.code === lock.doFirst) : undefined;
  return (
    <Box sx={{ flexBasis: '100%' }}>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {who && <strong>{who} : </strong>}
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
    if (busy) return;
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
  const children = procedure.subject === 'child' ? procedure.children : undefined;
  const buttons: ReactElement[] = [];
  const locks: ReactElement[] = [];
  if (children) {
    if (!children.length) locks.push(<Typography key="none" variant="body2" color="text.secondary">Aucun enfant enregistré sur votre compte famille.</Typography>);
    for (const child of children) {
      if (child.available) {
        buttons.push(
          <Button key={child.id} variant="contained" size="small" onClick={() => start(child.id)} aria-label={`DÉBUT — ${child.firstName} : démarche ${name}`}>
            DÉBUT — {child.firstName}
          </Button>,
        );
      }
    }
    // One reason for every locked child when they share it, else one per child.
    const locked = children.filter((c) => !c.available);
    const reasons = new Set(locked.map((c) => c.lock?.message ?? ''));
    if (locked.length && reasons.size === 1) locks.push(<Lock key="all" lock={locked[0].lock} all={all} who={locked.length < children.length ? locked.map((c) => c.firstName).join(', ') : undefined} />);
    else for (const c of locked) locks.push(<Lock key={c.id} lock={c.lock} all={all} who={c.firstName} />);
  } else if (procedure.available) {
    buttons.push(
      <Button key="start" variant="contained" size="small" onClick={() => start()} aria-label={`DÉBUT : démarche ${name}`}>
        DÉBUT
      </Button>,
    );
  } else {
    locks.push(<Lock key="lock" lock={procedure.lock} all={all} />);
  }
  return (
    <>
      {buttons.length > 0 && <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, justifyContent: 'flex-end' }}>{buttons}</Box>}
      {locks}
      {error && (
        <Typography role="alert" color="error" variant="body2" sx={{ flexBasis: '100%' }}>
          {error}
        </Typography>
      )}
    </>
  );
}
