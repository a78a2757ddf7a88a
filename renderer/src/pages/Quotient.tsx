// « Mon Quotient »: the family's quotient sheet — the quotient in force, how it was obtained
// (CAF formula with the family's figures), its validity, its proof, the history, and the
// démarche to declare a new one. No quotient in force: the highest tariff band applies.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { api } from '../api.js';
import { useAsync } from '../useAsync.js';
import { formatDate } from '../format.js';
import { Empty, Facts, LoadError, Loading, PageHeading, Section } from '../ui.js';
import { SOURCE_LABELS, formatParts, formatQuotient, quotientApi, type QuotientView } from '../billing/quotientClient.js';

const validity = (q: QuotientView) => (q.validTo ? `du ${formatDate(q.validFrom)} au ${formatDate(q.validTo)}` : `à partir du ${formatDate(q.validFrom)}`);

function Formula({ q }: { q: QuotientView }) {
  if (q.annualIncome === null || q.parts === null) return null;
  const benefits = q.monthlyBenefits ?? 0;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography component="h3" variant="h3" sx={{ mb: 1 }}>Comment il a été calculé</Typography>
      <Facts
        rows={[
          ['Revenu fiscal de référence annuel', formatQuotient(q.annualIncome)],
          ['Prestations familiales mensuelles', formatQuotient(benefits)],
          ['Nombre de parts', `${formatParts(q.parts)}${q.children !== null ? ` (2 pour les parents, ${q.children} enfant${q.children > 1 ? 's' : ''})` : ''}`],
        ]}
      />
      <Typography sx={{ mt: 1 }}>
        Formule de la CAF : (revenu annuel ÷ 12 + prestations mensuelles) ÷ nombre de parts
        <br />
        <strong>
          ({formatQuotient(q.annualIncome)} ÷ 12 + {formatQuotient(benefits)}) ÷ {formatParts(q.parts)} = {formatQuotient(q.value)}
        </strong>
      </Typography>
    </Box>
  );
}

function Proofs({ q }: { q: QuotientView }) {
  if (!q.dossier) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography component="h3" variant="h3" sx={{ mb: 1 }}>Justificatifs</Typography>
      <Typography>Déclaration N° de traitement {q.dossier.number}</Typography>
      {q.dossier.proofs.length > 0 && (
        <Box component="ul" sx={{ pl: 3, my: 1 }}>
          {q.dossier.proofs.map((p) => (
            <li key={p.id}>
              <Link href={api.fileUrl(p.id, true)} target="_blank" rel="noopener">
                {p.name}
              </Link>{' '}
              ({p.type === 'application/pdf' ? 'PDF' : 'JPEG'}, s’ouvre dans un nouvel onglet)
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}

export default function Quotient() {
  const state = useAsync(() => quotientApi.sheet());
  const sheet = state.data;
  const current = sheet?.current ?? null;
  const past = sheet?.history.filter((q) => q.id !== current?.id) ?? [];
  return (
    <>
      <PageHeading title="Mon Quotient" />
      {state.loading && <Loading />}
      {state.error && <LoadError message={state.error} onRetry={state.reload} />}
      {sheet && (
        <>
          {sheet.pending && (
            <Alert severity="info" sx={{ mb: 2 }}>
              Votre déclaration N° {sheet.pending.number} est en cours de vérification par nos services : votre quotient sera mis à jour dès qu’elle sera acceptée.{' '}
              <Link href={`/dossiers/${encodeURIComponent(sheet.pending.id)}`}>Voir ma déclaration</Link>
            </Alert>
          )}
          <Section title="Fiche quotient familial" id="quotient">
            {current ? (
              <>
                <Typography sx={{ fontSize: '1.5rem', fontWeight: 700, mb: 1 }}>
                  Quotient familial : {formatQuotient(current.value)}
                </Typography>
                <Facts
                  rows={[
                    ['Valable', validity(current)],
                    ['Origine', SOURCE_LABELS[current.source] ?? current.source],
                    ['Enregistré le', formatDate(current.recordedAt)],
                    ['Précision', current.note],
                  ]}
                />
                <Formula q={current} />
                <Proofs q={current} />
              </>
            ) : (
              <Empty>
                Aucun quotient familial n’est enregistré pour aujourd’hui : la tranche de tarif la plus haute s’applique à vos activités.
              </Empty>
            )}
          </Section>
          {sheet.demarche && (
            <Section title="Calculer votre QF (dépôt des justificatifs)" id="calculer">
              <Typography sx={{ mb: 1 }}>
                Vos revenus ou votre famille ont changé ? Déclarez vos revenus et joignez votre avis d’imposition ou votre attestation CAF : votre quotient est enregistré après vérification.
              </Typography>
              <Button variant="contained" href={`/demarches/${encodeURIComponent(sheet.demarche.code)}`}>
                {sheet.demarche.title}
              </Button>
            </Section>
          )}
          {past.length > 0 && (
            <Section title="Quotients précédents" id="historique">
              <Box component="ul" sx={{ pl: 3, my: 0 }}>
                {past.map((q) => (
                  <li key={q.id}>
                    {formatQuotient(q.value)}, valable {validity(q)} — {SOURCE_LABELS[q.source] ?? q.source}
                  </li>
                ))}
              </Box>
            </Section>
          )}
        </>
      )}
    </>
  );
}
