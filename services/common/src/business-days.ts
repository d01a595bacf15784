/**
 * Business days (días hábiles) in Peru: Monday to Friday, except national holidays. Deadlines of
 * administrative procedures are counted in business days from the day after submission.
 */

/** Fixed-date national holidays (Ley 31788 and earlier), month-day. */
const FIXED_HOLIDAYS = ['01-01', '05-01', '06-07', '06-29', '07-23', '07-28', '07-29', '08-06', '08-30', '10-08', '11-01', '12-08', '12-09', '12-25'];

/** Easter Sunday (Gregorian, anonymous algorithm). */
function easter(year: number): Date {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (date: string) => new Date(`${date}T00:00:00Z`);
const holidayCache = new Map<number, Set<string>>();

export function holidaysOf(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    const sunday = easter(year);
    const day = 86_400_000;
    set = new Set([...FIXED_HOLIDAYS.map((md) => `${year}-${md}`), iso(new Date(sunday.getTime() - 3 * day)), iso(new Date(sunday.getTime() - 2 * day))]);
    holidayCache.set(year, set);
  }
  return set;
}

export function isBusinessDay(date: string): boolean {
  const d = parse(date);
  const weekday = d.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaysOf(d.getUTCFullYear()).has(date);
}

/** The date `days` business days after `date` (counting from the next day). */
export function addBusinessDays(date: string, days: number): string {
  const d = parse(date);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isBusinessDay(iso(d))) left -= 1;
  }
  return iso(d);
}
