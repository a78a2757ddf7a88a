// A queue: counts per démarche and status (all queues), filters, one keyset page of dossiers
// at a time (the API's `next` cursor; earlier cursors kept to go back), and bulk acceptance.
import { useEffect, useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useRouter } from '../../../renderer/src/router.js';
import { useSession } from '../../../renderer/src/session.js';
import { useAsync } from '../../../renderer/src/useAsync.js';
import { Empty, Loading, LoadError, Section } from '../../../renderer/src/ui.js';
import { adminApi } from '../api.js';
import { PageHeading } from '../ui.js';
import { BulkAccept } from './BulkAccept.js';
import { QueueCounts } from './QueueCounts.js';
import { QueueFilterForm } from './QueueFilterForm.js';
import { QueueTable } from './QueueTable.js';
import { describeFilters, filtersFromForm, formFromSearch, searchFromForm, type FilterForm } from './filters.js';

const PAGE_SIZE = 50;

interface Paging {
  key: string;
  cursors: (string | null)[];
  index: number;
}

export function QueueView({ mine }: { mine: boolean }) {
  const { location, navigate } = useRouter();
  const { user } = useSession();
  const form = useMemo(() => formFromSearch(location.search), [location.search]);
  const filters = useMemo(() => filtersFromForm(form, mine), [form, mine]);
  const filtersKey = JSON.stringify(filters);
  const [tick, setTick] = useState(0);
  const counts = useAsync(() => adminApi.queues(), [tick]);
  // cursors[i] is the `after` of page i (null for the first page); new filters start again at page 1.
  const [paging, setPaging] = useState<Paging>({ key: filtersKey, cursors: [null], index: 0 });
  const current = paging.key === filtersKey ? paging : { key: filtersKey, cursors: [null], index: 0 };
  const pageIndex = current.index;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [numbers] = useState(() => new Map<string, string>());

  useEffect(() => setSelected(new Set()), [filtersKey]);

  const page = useAsync(() => adminApi.dossiers(filters, current.cursors[pageIndex] ?? null, PAGE_SIZE), [filtersKey, pageIndex, tick]);
  const items = page.data?.items ?? [];
  for (const d of items) if (d.number) numbers.set(d.id, d.number);

  const queues = counts.data?.queues ?? [];
  const titles = new Map(queues.map((q) => [q.code, q.title]));
  const statusLabels = new Map(queues.map((q) => [q.status, q.statusLabel]));
  const queueTotal = form.code && form.status ? queues.find((q) => q.code === form.code && q.status === form.status)?.count : undefined;

  const apply = (next: FilterForm) => navigate(`${location.pathname}${searchFromForm(next)}`);
  const goNext = () => {
    const next = page.data?.next;
    if (!next) return;
    setPaging({ key: filtersKey, cursors: [...current.cursors.slice(0, pageIndex + 1), next], index: pageIndex + 1 });
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const copy = new Set(s);
      if (copy.has(id)) copy.delete(id);
      else copy.add(id);
      return copy;
    });
  const toggleAll = (checked: boolean) =>
    setSelected((s) => {
      const copy = new Set(s);
      for (const d of items) {
        if (checked) copy.add(d.id);
        else copy.delete(d.id);
      }
      return copy;
    });

  const title = mine ? 'Pris en charge par moi' : 'Files de traitement';
  const caption = `${mine ? 'Mes dossiers' : 'Dossiers'} — page ${pageIndex + 1}${queueTotal !== undefined ? ` (file de ${queueTotal.toLocaleString('fr-FR')} dossiers)` : ''} : ${describeFilters(form, titles, statusLabels)}`;

  return (
    <>
      <PageHeading title={title} tabTitle={title}>
        {mine && counts.data && (
          <Typography color="text.secondary">
            {counts.data.mine === 0 ? 'Aucun dossier à traiter ne vous est attribué.' : `${counts.data.mine} dossier${counts.data.mine > 1 ? 's' : ''} à traiter vous ${counts.data.mine > 1 ? 'sont attribués' : 'est attribué'}.`}
          </Typography>
        )}
      </PageHeading>
      {!mine && (
        <Section title="Files par démarche et statut" id="files-title">
          {counts.loading && !counts.data ? <Loading /> : counts.error ? <LoadError message={counts.error} onRetry={counts.reload} /> : <QueueCounts queues={queues} current={form} />}
        </Section>
      )}
      <Section title="Filtres" id="filtres-title">
        <QueueFilterForm value={form} queues={queues} onApply={apply} />
      </Section>
      <Box component="section" aria-labelledby="resultats-title" sx={{ minWidth: 0 }}>
        <Typography id="resultats-title" component="h2" variant="h2" sx={{ mb: 1 }}>
          Dossiers
        </Typography>
        <BulkAccept
          selected={[...selected]}
          numbers={numbers}
          onDone={() => {
            setSelected(new Set());
            setTick((t) => t + 1);
          }}
        />
        <Box role="status" aria-live="polite" className="visually-hidden">
          {page.loading ? 'Chargement des dossiers…' : page.data ? `${items.length} dossier${items.length > 1 ? 's' : ''} affiché${items.length > 1 ? 's' : ''}, page ${pageIndex + 1}.` : ''}
        </Box>
        {page.error ? (
          <LoadError message={page.error} onRetry={page.reload} />
        ) : page.loading && !page.data ? (
          <Loading label="Chargement des dossiers" />
        ) : items.length === 0 ? (
          <Empty>Aucun dossier ne correspond à ces critères.</Empty>
        ) : (
          <QueueTable items={items} caption={caption} selected={selected} onToggle={toggle} onToggleAll={toggleAll} currentUserId={user?.id ?? ''} />
        )}
        <Box component="nav" aria-label="Pages de résultats" sx={{ display: 'flex', gap: 1, mt: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button variant="outlined" disabled={pageIndex === 0 || page.loading} onClick={() => setPaging({ ...current, index: Math.max(0, pageIndex - 1) })}>
            Page précédente
          </Button>
          <Typography component="span" aria-current="page">Page {pageIndex + 1}</Typography>
          <Button variant="outlined" disabled={!page.data?.next || page.loading} onClick={goNext}>
            Page suivante
          </Button>
          <Button variant="text" onClick={() => setTick((t) => t + 1)} disabled={page.loading}>
            Actualiser
          </Button>
        </Box>
      </Box>
    </>
  );
}
