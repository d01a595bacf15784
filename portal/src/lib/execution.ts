/** Budget execution from the published budget lines, in cents (exact), grouped as the API groups it. */
import { toCents } from './export/check.ts';

export const AMOUNTS = ['opening_budget', 'modified_budget', 'certified', 'committed', 'accrued', 'paid'] as const;
export type Amounts = Record<(typeof AMOUNTS)[number], number> & { key: string; rate: number | null };

const cents = (v: string | null | undefined) => (v ? Number(toCents(v)) : 0);

export function executionBy(lines: Array<Record<string, any>>, key: string): Amounts[] {
  const groups = new Map<string, Amounts>();
  for (const line of lines) {
    const k = line[key] ?? '—';
    const g = groups.get(k) ?? ({ key: k, rate: null, opening_budget: 0, modified_budget: 0, certified: 0, committed: 0, accrued: 0, paid: 0 } as Amounts);
    for (const a of AMOUNTS) g[a] += cents(line[a]);
    groups.set(k, g);
  }
  // Back to soles; the rate is accrued over PIM, as the MEF's "avance".
  return [...groups.values()]
    .map((g) => ({ ...g, ...Object.fromEntries(AMOUNTS.map((a) => [a, g[a] / 100])), rate: g.modified_budget ? g.accrued / g.modified_budget : null }) as Amounts)
    .sort((a, b) => b.modified_budget - a.modified_budget);
}

export function monthlyExecution(lines: Array<Record<string, any>>): Array<{ month: number; amount: number; cumulative: number; cumulativeRate: number | null }> {
  const pim = lines.reduce((s, l) => s + cents(l.modified_budget), 0);
  let cumulative = 0;
  return Array.from({ length: 12 }, (_, i) => {
    const m = String(i + 1).padStart(2, '0');
    const amount = lines.reduce((s, l) => s + cents(l[`accrued_m${m}`]), 0);
    cumulative += amount;
    return { month: i + 1, amount: amount / 100, cumulative: cumulative / 100, cumulativeRate: pim ? cumulative / pim : null };
  });
}
