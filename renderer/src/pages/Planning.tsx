// « Planning »: the reservation calendar (module RESERVATIONS of the manual), the list of
// validated bookings and the children's private calendar links. Components in ../planning/.
import { useState } from 'react';
import Link from '@mui/material/Link';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useRouter, useSearchParam } from '../router.js';
import { useAsync } from '../useAsync.js';
import { Empty, PageHeading, Section } from '../ui.js';
import { planningApi } from '../planning/client.js';
import { isDay, today as todayOf, viewStart } from '../planning/days.js';
import { ReservationCalendar } from '../planning/ReservationCalendar.js';
import { ReservationList } from '../planning/ReservationList.js';
import { CalendarFeeds } from '../planning/CalendarFeed.js';

export default function Planning() {
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'), { noSsr: true });
  const { navigate, location } = useRouter();
  const asked = useSearchParam('date');
  const askedDays = Number(useSearchParam('jours'));
  // "Today" is the server's (its clock decides deadlines), learnt from the first planning read.
  const [serverToday, setServerToday] = useState<string | null>(null);
  const today = serverToday ?? todayOf();
  const date = asked && isDay(asked) ? asked : today;
  // On a phone the calendar opens on one day; elsewhere on the school week.
  const days = [1, 5, 7].includes(askedDays) ? askedDays : phone ? 1 : 5;
  const [changes, setChanges] = useState(0);
  const planning = useAsync(async () => {
    if (serverToday || (asked && isDay(asked))) return planningApi.planning(viewStart(date, days), days);
    const first = await planningApi.planning(undefined, days);
    setServerToday(first.from);
    return viewStart(first.from, days) === first.from ? first : planningApi.planning(viewStart(first.from, days), days);
  }, [date, days]);

  const go = (next: { date?: string; days?: number }) => {
    const q = new URLSearchParams(location.search);
    q.set('date', next.date ?? date);
    if (next.days ?? askedDays) q.set('jours', String(next.days ?? days));
    navigate(`/planning?${q}`, { replace: true });
  };

  const empty = planning.data && planning.data.activities.length === 0;
  return (
    <>
      <PageHeading title="Planning" tabTitle="Planning de réservation" />
      <Section title="Le calendrier de réservations" id="planning">
        {empty ? (
          <Empty>
            Aucune activité à réserver pour le moment. L’inscription à une activité (démarche <Link href="/demarches/09">09</Link>) est nécessaire avant de réserver.
          </Empty>
        ) : (
          <ReservationCalendar
            planning={planning.data}
            loading={planning.loading}
            error={planning.error}
            reload={planning.reload}
            date={date}
            days={days}
            today={today}
            onDate={(d) => go({ date: d })}
            onDays={(n) => go({ days: n })}
            onChanged={() => setChanges((n) => n + 1)}
          />
        )}
      </Section>
      {planning.data && !empty && (
        <>
          <Section title="Liste des réservations validées" id="reservations">
            <ReservationList planning={planning.data} reloadKey={changes} />
          </Section>
          <Section title="Calendrier sur votre téléphone" id="ical">
            <CalendarFeeds children={planning.data.children} />
          </Section>
        </>
      )}
    </>
  );
}
