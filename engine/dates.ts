// Calendar helpers for the engine. Instants are UTC Date objects passed in by callers;
// days that mean something to families are taken in Europe/Paris.

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

let lastHour = NaN;
let lastDay = '';

/**
 * The Europe/Paris calendar day of an instant, as YYYY-MM-DD. Paris is a whole number of
 * hours from UTC (+1 or +2), so the day is the same throughout a UTC hour: it is formatted
 * once per hour (every autosave asks).
 */
export function parisDate(now: Date): string {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (hour !== lastHour) {
    lastDay = parisDay.format(now);
    lastHour = hour;
  }
  return lastDay;
}

/** School year (année scolaire) of a day: from 1 September to 31 August, e.g. "2026-2027". */
export function schoolYearOf(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const start = month >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

/**
 * Resolves an availability bound. "YYYY-MM-DD" is absolute; "MM-DD" is that day within
 * the school year of `day` (September to December in its first year, the rest in its second).
 */
export function resolveYearlyDate(bound: string, day: string): string {
  if (bound.length === 10) return bound;
  const [startYear] = schoolYearOf(day).split('-').map(Number);
  const month = Number(bound.slice(0, 2));
  return `${month >= 9 ? startYear : startYear + 1}-${bound}`;
}

/**
 * The availability window around `today`. Absolute bounds are taken as they are. Yearly
 * bounds ("MM-DD"): with both, the window recurs every year and may span the summer
 * ("06-01" to "10-31"); the one containing today is returned, else the next one. With one
 * yearly bound only, the window is cut by the school year (1 September – 31 August).
 */
export function availabilityWindow(opensOn: string | undefined, closesOn: string | undefined, today: string) {
  const yearly = (b?: string) => b !== undefined && b.length === 5;
  if (yearly(opensOn) && yearly(closesOn)) {
    const year = Number(today.slice(0, 4));
    const windowOf = (y: number) => ({
      opens: `${y}-${opensOn}`,
      closes: `${closesOn! >= opensOn! ? y : y + 1}-${closesOn}`,
    });
    for (const y of [year - 1, year]) {
      const w = windowOf(y);
      if (w.opens <= today && today <= w.closes) return w;
    }
    return windowOf(`${year}-${opensOn}` > today ? year : year + 1);
  }
  const [startYear] = schoolYearOf(today).split('-').map(Number);
  return {
    opens: opensOn === undefined ? undefined : yearly(opensOn) ? resolveYearlyDate(opensOn, today) : opensOn,
    closes: closesOn === undefined ? undefined : yearly(closesOn) ? resolveYearlyDate(closesOn, today) : closesOn,
    schoolYearStart: `${startYear}-09-01`,
  };
}
