/**
 * Owns calendar arithmetic for the time-based charts: 'YYYY-MM-DD' / 'YYYY-MM' strings become
 * whole days since 1970-01-01 (UTC, so no time zone can shift a date), and month ticks for axes.
 */
import { MONTHS_SHORT } from './format.ts';

export interface ParsedDate {
  day: number;
  /** A 'YYYY-MM' value is a month, and is written without a day. */
  precision: 'day' | 'month';
}

const DAY_MS = 86_400_000;

export function parseDate(text: string): ParsedDate {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!match) throw new Error(`Fecha inválida (se espera AAAA-MM-DD o AAAA-MM): ${JSON.stringify(text)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), match[3] === undefined ? 1 : Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (month < 1 || month > 12 || check.getUTCDate() !== day) {
    throw new Error(`Fecha inválida: ${JSON.stringify(text)}`);
  }
  return { day: ms / DAY_MS, precision: match[3] === undefined ? 'month' : 'day' };
}

/** Months since year 0, so consecutive months differ by one across year boundaries. */
export function monthIndexOf(day: number): number {
  const date = new Date(day * DAY_MS);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function dayOfMonthIndex(monthIndex: number): number {
  return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / DAY_MS;
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** "3 mar", "3 mar 2025", or "mar 2025" for a month-precision value. */
export function formatDay(day: number, options: { withYear?: boolean; precision?: 'day' | 'month' } = {}): string {
  const date = new Date(day * DAY_MS);
  const month = MONTHS_SHORT[date.getUTCMonth()];
  const year = options.withYear ? ` ${date.getUTCFullYear()}` : '';
  return options.precision === 'month' ? `${month}${year}` : `${date.getUTCDate()} ${month}${year}`;
}

export interface MonthTick {
  day: number;
  monthIndex: number;
}

const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120];

/**
 * First-of-month ticks inside [from, to], at most `maxTicks`. Steps are aligned to the calendar
 * (quarters start in ene/abr/jul/oct, yearly steps in ene) so ticks do not wander between charts.
 */
export function monthTicks(from: number, to: number, maxTicks: number): MonthTick[] {
  const first = monthIndexOf(from) + (dayOfMonthIndex(monthIndexOf(from)) < from ? 1 : 0);
  const last = monthIndexOf(to);
  for (const step of MONTH_STEPS) {
    const ticks: MonthTick[] = [];
    for (let m = Math.ceil(first / step) * step; m <= last; m += step) ticks.push({ day: dayOfMonthIndex(m), monthIndex: m });
    if (ticks.length <= Math.max(1, maxTicks)) return ticks;
  }
  return [];
}
