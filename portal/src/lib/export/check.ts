/**
 * Before publishing: the budget lines the dataset carries must add up, per department and year, to
 * the execution the API reports, to the cent. A mismatch means a page of lines went missing or the
 * API changed meaning, and a portal that disagrees with the API must not be published.
 */
import type { Snapshot } from './fetch.ts';

const AMOUNTS = ['openingBudget', 'modifiedBudget', 'certified', 'committed', 'accrued', 'paid'] as const;

export function toCents(value: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) throw new Error(`not an amount: ${value}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

export function budgetMismatches(s: Snapshot): string[] {
  const problems: string[] = [];
  for (const year of s.budgetYears) {
    const sums = new Map<string, Record<string, bigint>>();
    for (const line of s.budgetLines.filter((l) => l.year === year)) {
      const sum = sums.get(line.department.code) ?? Object.fromEntries(AMOUNTS.map((a) => [a, 0n]));
      for (const a of AMOUNTS) sum[a] += toCents(line[a]);
      sums.set(line.department.code, sum);
    }
    for (const group of s.execution[year].total) {
      const sum = sums.get(group.key);
      for (const a of AMOUNTS) {
        if ((sum?.[a] ?? 0n) !== toCents(group[a])) problems.push(`${year} ${group.key} ${a}: lines add up to ${sum?.[a] ?? 0n} cents, the API says ${group[a]}`);
      }
    }
    if (sums.size !== s.execution[year].total.length) problems.push(`${year}: ${sums.size} departments in the lines, ${s.execution[year].total.length} in the API`);
  }
  return problems;
}
