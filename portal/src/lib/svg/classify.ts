/**
 * Owns how a choropleth turns values into colour classes: quantile thresholds (each class holds
 * about the same number of districts) or thresholds the caller fixes, and the legend wording of
 * each class.
 */
import { SEQUENTIAL } from './palette.ts';

export const MAX_CLASSES = 5;

export interface Classification {
  /** Inner thresholds, ascending: a value v is in class i when thresholds[i-1] <= v < thresholds[i]. */
  thresholds: number[];
  colors: readonly string[];
  /** Legend text of each class, in class order. */
  labels: string[];
}

/**
 * Thresholds taken from the data itself (nearest rank), so every class is non-empty and holds
 * the value that opens it; ties merge classes rather than leave one empty.
 */
export function quantileThresholds(values: readonly number[], classes: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const thresholds: number[] = [];
  for (let i = 1; i < classes; i++) {
    const value = sorted[Math.floor((i * sorted.length) / classes)];
    if (value > sorted[0] && value !== thresholds[thresholds.length - 1]) thresholds.push(value);
  }
  return thresholds;
}

export function classOf(value: number, thresholds: readonly number[]): number {
  let index = 0;
  while (index < thresholds.length && value >= thresholds[index]) index++;
  return index;
}

export interface ClassifyOptions {
  /** Number of classes for quantile thresholds, 1–5 (default 5). */
  classes?: number;
  /** Fixed inner thresholds, ascending (at most 4); replaces quantiles. */
  breaks?: readonly number[];
  format: (value: number) => string;
}

export function classify(values: readonly number[], options: ClassifyOptions): Classification {
  const { format } = options;
  if (options.breaks) {
    const thresholds = [...options.breaks];
    if (thresholds.length + 1 > MAX_CLASSES || thresholds.some((t, i) => i > 0 && t <= thresholds[i - 1])) {
      throw new Error(`breaks must be at most ${MAX_CLASSES - 1} ascending thresholds`);
    }
    const labels = [...thresholds, Infinity].map((upper, i) => {
      if (thresholds.length === 0) return 'Todos los valores';
      if (i === 0) return `menos de ${format(upper)}`;
      if (i === thresholds.length) return `${format(thresholds[i - 1])} o más`;
      return `${format(thresholds[i - 1])} – ${format(upper)}`;
    });
    return { thresholds, colors: SEQUENTIAL[thresholds.length + 1], labels };
  }
  const classes = options.classes ?? MAX_CLASSES;
  if (!Number.isInteger(classes) || classes < 1 || classes > MAX_CLASSES) throw new Error(`classes must be 1–${MAX_CLASSES}`);
  if (values.length === 0) return { thresholds: [], colors: SEQUENTIAL[1], labels: [] };
  const thresholds = quantileThresholds(values, classes);
  // Quantile classes are labelled with the values they actually hold, so ranges never overlap.
  const members: number[][] = Array.from({ length: thresholds.length + 1 }, () => []);
  for (const value of values) members[classOf(value, thresholds)].push(value);
  const labels = members.map((held) => {
    const low = Math.min(...held);
    const high = Math.max(...held);
    return low === high ? format(low) : `${format(low)} – ${format(high)}`;
  });
  return { thresholds, colors: SEQUENTIAL[thresholds.length + 1], labels };
}
