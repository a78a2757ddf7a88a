// The page of the link mailed to a new address (/confirmer-courriel?token=…).
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import { api } from '../api.js';
import { useSearchParam } from '../router.js';
import { Loading, PageHeading } from '../ui.js';

export default function ConfirmEmail() {
  const token = useSearchParam('token') ?? '';
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (!token) {
      setResult({ ok: false, text: 'Ce lien est incomplet.' });
      return;
    }
    api.confirmEmail(token).then(
      (r) => setResult({ ok: true, text: r?.message ?? 'Votre nouveau courriel est enregistré.' }),
      (e: unknown) => setResult({ ok: false, text: e instanceof Error ? e.message : String(e) }),
    );
  }, [token]);
  return (
    <>
      <PageHeading title="Confirmation de votre courriel" />
      {!result ? <Loading /> : (
        <Alert severity={result.ok ? 'success' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text} <Link href="/profil">Mon profil</Link>
        </Alert>
      )}
    </>
  );
}
