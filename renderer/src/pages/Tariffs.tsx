// « Mes tarifs »: each activity's tariff grid by quotient band for the school year, the
// family's band marked in words and by weight (not by colour alone); effort-rate tariffs as
// their formula with the floor and ceiling, and the family's price.
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatDate, formatEuros } from '../format.js';
import { useAsync } from '../useAsync.js';
import { Empty, LoadError, Loading, PageHeading, Section } from '../ui.js';
import { formatQuotient, quotientApi, type ActivityTariff } from '../billing/quotientClient.js';
import type { TariffBand } from '../../../engine/billing/tariff.js';

const percent = (rate: number) => `${rate.toLocaleString('fr-FR', { maximumFractionDigits: 3 })} %`;

function bandLabel(b: TariffBand): string {
  if (b.qfMax === null) return `à partir de ${formatQuotient(b.qfMin)}`;
  return `de ${formatQuotient(b.qfMin)} à ${formatQuotient(b.qfMax)}`;
}

function Grid({ activity, quotient }: { activity: ActivityTariff; quotient: number | null }) {
  const { tariff, familyPrice } = activity;
  const id = `tarif-${activity.code}`;
  if (tariff.kind === 'effortRate') {
    return (
      <>
        <Typography>
          Tarif au taux d’effort : quotient familial × {percent(tariff.ratePercent)}, au minimum {formatEuros(tariff.minCents)} et au maximum {formatEuros(tariff.maxCents)}.
        </Typography>
        <Typography sx={{ mt: 1 }}>
          <strong>
            Votre prix : {quotient === null ? `${formatEuros(familyPrice.unitPriceCents)} (prix maximum, sans quotient enregistré)` : `${formatQuotient(quotient)} × ${percent(tariff.ratePercent)} → ${formatEuros(familyPrice.unitPriceCents)}`}
          </strong>
        </Typography>
      </>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-labelledby={id}>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">Quotient familial</TableCell>
            <TableCell component="th" scope="col" align="right">Prix unitaire</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {tariff.bands.map((band, i) => {
            const mine = familyPrice.bandIndex === i;
            return (
              <TableRow key={i} aria-current={mine ? 'true' : undefined} sx={mine ? { bgcolor: 'action.selected', '& td, & th': { fontWeight: 700 } } : undefined}>
                <TableCell component="th" scope="row">
                  {bandLabel(band)}
                  {mine && <Box component="span" sx={{ display: 'block' }}>Votre tranche</Box>}
                </TableCell>
                <TableCell align="right">{formatEuros(band.unitPriceCents)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

export default function Tariffs() {
  const state = useAsync(() => quotientApi.tariffs());
  const data = state.data;
  return (
    <>
      <PageHeading title="Mes tarifs">
        {data && (
          <Typography sx={{ mt: 1 }}>
            {data.quotient === null
              ? 'Aucun quotient familial n’est enregistré : la tranche la plus haute s’applique. '
              : `Votre quotient familial : ${formatQuotient(data.quotient)}${data.quotientValidTo ? `, valable jusqu’au ${formatDate(data.quotientValidTo)}` : ''}. `}
            <Link href="/quotient">Voir Mon Quotient</Link>
          </Typography>
        )}
      </PageHeading>
      {state.loading && <Loading />}
      {state.error && <LoadError message={state.error} onRetry={state.reload} />}
      {data && data.activities.length === 0 && (
        <Section title="Grille tarifaire des activités" id="tarifs">
          <Empty>Aucun tarif n’est publié pour l’année scolaire {data.schoolYear}.</Empty>
        </Section>
      )}
      {data?.activities.map((a) => (
        <Section key={a.id} title={a.name} id={`tarif-${a.code}`}>
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            Année scolaire {data.schoolYear}
            {a.enrolled ? ' — activité de vos enfants' : ''}
          </Typography>
          <Grid activity={a} quotient={data.quotient} />
        </Section>
      ))}
    </>
  );
}
