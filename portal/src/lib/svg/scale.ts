/** Owns axis arithmetic shared by the charts: round tick steps from zero to a maximum. */

/**
 * Ticks 0, step, 2·step … up to the first multiple of a 1/2/2.5/5 step at or above `max`, about
 * `count` intervals. A non-positive max still yields an axis (0 and 1) so nothing divides by zero.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normal = raw / magnitude;
  const step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 2.5 ? 2.5 : normal <= 5 ? 5 : 10) * magnitude;
  const intervals = Math.max(1, Math.ceil(max / step - 1e-9));
  // Multiplying (not accumulating) keeps 0.1 + 0.2 noise out of the labels.
  return Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Step mantissas and how much less round they read than 1, 2 or 5 (a relative cost on the top). */
const MANTISSAS: ReadonlyArray<[number, number]> = [[1, 0], [1.5, 0.1], [2, 0], [2.5, 0.05], [3, 0.1], [4, 0.05], [5, 0], [6, 0.1], [8, 0.1]];

/**
 * Ticks from zero in exactly four or five equal intervals, with a low and round top that fits
 * `max`. A second axis in percent can then share the grid lines at 25% or 20% steps.
 */
export function evenTicks(max: number): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 0.25, 0.5, 0.75, 1];
  let best: { step: number; intervals: number; cost: number } | null = null;
  const magnitude = 10 ** Math.floor(Math.log10(max / 5));
  for (const scale of [magnitude, magnitude * 10]) {
    for (const [mantissa, penalty] of MANTISSAS) {
      const step = mantissa * scale;
      const intervals = Math.max(4, Math.ceil(max / step - 1e-9));
      if (intervals > 5) continue;
      const cost = step * intervals * (1 + penalty);
      if (!best || cost < best.cost) best = { step, intervals, cost };
    }
  }
  const { step, intervals } = best!;
  return Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}
