/** A work's progress over time: physical from its progress reports, financial from the monthly accruals of its budget lines. */
import { toCents } from './export/check.ts';
import type { WorkRecord } from './records.ts';

export interface SeriesPoint { x: string; y: number }

export function physicalSeries(work: WorkRecord): SeriesPoint[] {
  return work.progress_reports.map((r) => ({ x: r.date, y: r.physical_progress }));
}

/**
 * Cumulative accrued spending over the investment cost, at the end of each month that has passed,
 * from the first month with spending. Empty without a cost or without budget lines.
 */
export function financialSeries(work: WorkRecord, lines: Array<Record<string, any>>, today: string): SeriesPoint[] {
  const cost = Number(work.investment_cost ?? 0);
  if (!(cost > 0)) return [];
  const mine = lines.filter((l) => l.work_id === work.id);
  if (mine.length === 0) return [];
  const byMonth = new Map<string, number>();
  for (const line of mine) {
    for (let m = 1; m <= 12; m++) {
      const key = `${line.year}-${String(m).padStart(2, '0')}`;
      byMonth.set(key, (byMonth.get(key) ?? 0) + Number(toCents(line[`accrued_m${String(m).padStart(2, '0')}`])));
    }
  }
  const months = [...byMonth.keys()].sort().filter((k) => k <= today.slice(0, 7));
  const points: SeriesPoint[] = [];
  let cents = 0;
  for (const month of months) {
    cents += byMonth.get(month)!;
    if (cents === 0 && points.length === 0) continue;
    points.push({ x: month, y: Math.round((cents / 100 / cost) * 10000) / 100 });
  }
  return points;
}
