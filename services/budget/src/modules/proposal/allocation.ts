/**
 * The participatory budget's allocation, as pure functions over integer cents.
 *
 * By score: viable proposals are ranked by aggregate score (ties: lower cost, then earlier
 * submission, then id, so the order is total), and funded in rank order while they fit under the
 * ceiling; one that does not fit is skipped and the next ones are still tried. Every proposal
 * gets its explanation: rank, the amount allocated before it, what remained, and why.
 *
 * By population: each district's fair share of the ceiling is proportional to its population;
 * proposals, in the same rank order, are funded when every district they serve still has its
 * part of the cost within its share. Computed side by side so that the committee sees what the
 * choice of rule does to rural districts.
 */
import { EvaluationStatus } from '../../enums.js';

export enum Decision {
  FUNDED = 'FUNDED',
  DOES_NOT_FIT = 'DOES_NOT_FIT',
  NOT_VIABLE = 'NOT_VIABLE',
  PENDING_EVALUATION = 'PENDING_EVALUATION',
}

export interface AllocationCandidate {
  id: string;
  /** Aggregate score, 0–100 (no scores yet counts as 0). */
  score: number;
  cost: bigint;
  submittedAt: string;
  evaluation: EvaluationStatus;
  evaluationReason?: string | null;
  ubigeos: string[];
}

export interface Allocation {
  id: string;
  rank: number | null;
  decision: Decision;
  funded: boolean;
  /** Allocated to better-ranked proposals before this one (null when not ranked). */
  cumulativeBefore: bigint | null;
  remainingBefore: bigint | null;
  remainingAfter: bigint | null;
  explanation: string;
}

/** Soles as Peru writes them: S/ 1,250,000.50. */
export function soles(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const units = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}S/ ${units}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function rankOrder(a: AllocationCandidate, b: AllocationCandidate): number {
  return b.score - a.score || (a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : 0) || a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id);
}

export function allocateByScore(candidates: AllocationCandidate[], ceiling: bigint): Allocation[] {
  const ranked = candidates.filter((c) => c.evaluation === EvaluationStatus.VIABLE).sort(rankOrder);
  let allocated = 0n;
  const results: Allocation[] = ranked.map((c, i) => {
    const rank = i + 1;
    const remainingBefore = ceiling - allocated;
    const before = allocated;
    if (c.cost <= remainingBefore) {
      allocated += c.cost;
      return {
        id: c.id, rank, decision: Decision.FUNDED, funded: true, cumulativeBefore: before, remainingBefore, remainingAfter: remainingBefore - c.cost,
        explanation: `Puesto ${rank} con ${c.score.toFixed(2)} puntos: financiada. Antes se habían asignado ${soles(before)} de ${soles(ceiling)}; quedaban ${soles(remainingBefore)} y su costo de ${soles(c.cost)} cabe; quedan ${soles(remainingBefore - c.cost)}.`,
      };
    }
    return {
      id: c.id, rank, decision: Decision.DOES_NOT_FIT, funded: false, cumulativeBefore: before, remainingBefore, remainingAfter: remainingBefore,
      explanation: `Puesto ${rank} con ${c.score.toFixed(2)} puntos: no financiada. Quedaban ${soles(remainingBefore)} y su costo de ${soles(c.cost)} no cabe; se continuó con las propuestas siguientes.`,
    };
  });
  for (const c of candidates) {
    if (c.evaluation === EvaluationStatus.VIABLE) continue;
    const notViable = c.evaluation === EvaluationStatus.NOT_VIABLE;
    results.push({
      id: c.id, rank: null, decision: notViable ? Decision.NOT_VIABLE : Decision.PENDING_EVALUATION, funded: false, cumulativeBefore: null, remainingBefore: null, remainingAfter: null,
      explanation: notViable
        ? `No entra en la priorización: el equipo técnico la declaró no viable (${c.evaluationReason ?? 'sin motivo registrado'}).`
        : 'No entra en la priorización todavía: falta la evaluación del equipo técnico.',
    });
  }
  return results;
}

export interface DistrictPopulation {
  ubigeo: string;
  population: number;
}

export interface DistrictShare {
  ubigeo: string;
  population: number;
  /** ceiling × population ÷ total population, in cents; the shares add up to the ceiling exactly. */
  fairShare: bigint;
  allocatedByScore: bigint;
  allocatedByPopulation: bigint;
}

/** Splits `total` cents in proportion to `weights`, exactly (largest remainder). */
export function splitProportionally(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((s, w) => s + w, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - parts.reduce((s, p) => s + p, 0n);
  remainders.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left <= 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}

/** A proposal's cost split equally among its districts, exactly. */
const costParts = (c: AllocationCandidate) => splitProportionally(c.cost, c.ubigeos.map(() => 1n));

export function allocateByPopulation(
  candidates: AllocationCandidate[],
  ceiling: bigint,
  districts: DistrictPopulation[],
  byScore: Allocation[],
): { fundedIds: Set<string>; districts: DistrictShare[] } {
  const sorted = [...districts].sort((a, b) => a.ubigeo.localeCompare(b.ubigeo));
  const shares = splitProportionally(ceiling, sorted.map((d) => BigInt(d.population)));
  const table = new Map(sorted.map((d, i) => [d.ubigeo, { ubigeo: d.ubigeo, population: d.population, fairShare: shares[i]!, allocatedByScore: 0n, allocatedByPopulation: 0n }]));
  const fundedByScore = new Set(byScore.filter((a) => a.funded).map((a) => a.id));
  const fundedIds = new Set<string>();
  for (const c of candidates) {
    if (!fundedByScore.has(c.id)) continue;
    costParts(c).forEach((part, i) => {
      const row = table.get(c.ubigeos[i]!);
      if (row) row.allocatedByScore += part;
    });
  }
  for (const c of candidates.filter((x) => x.evaluation === EvaluationStatus.VIABLE).sort(rankOrder)) {
    const parts = costParts(c);
    const rows = c.ubigeos.map((u) => table.get(u));
    if (rows.length === 0 || rows.some((r) => !r)) continue;
    if (rows.every((r, i) => r!.fairShare - r!.allocatedByPopulation >= parts[i]!)) {
      rows.forEach((r, i) => (r!.allocatedByPopulation += parts[i]!));
      fundedIds.add(c.id);
    }
  }
  return { fundedIds, districts: [...table.values()] };
}
