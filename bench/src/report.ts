/** The rows every workload reports, the table printed at the end and the JSON written beside it. */
import type { ProcessUsage } from './proc.js';

export interface Row {
  workload: string;
  figure: string;
  /** A number, or a short text (a failure, a process's CPU and memory). */
  value: number | string | null;
  unit?: string;
  baseline: number | null;
  /** value ÷ baseline when both are numbers. */
  ratio: number | null;
  goal: string;
  /** true / false when the row carries a goal, null when it only reports. */
  met: boolean | null;
}

export interface WorkloadResult {
  id: string;
  title: string;
  status: 'ok' | 'failed' | 'skipped';
  seconds: number;
  boundSeconds: number;
  error?: string;
  rows: Row[];
  /** The machine's load average (1 min) at the start and the end: other work on the machine shows here. */
  loadAverage?: { start: number; end: number };
  /** CPU and peak memory of each process during the workload. */
  resources: Record<string, ProcessUsage>;
  detail?: Record<string, unknown>;
}

export function row(workload: string, figure: string, value: number | string | null, options: { baseline?: number | null; goal?: string; met?: boolean | null; unit?: string } = {}): Row {
  const baseline = options.baseline ?? null;
  const ratio = typeof value === 'number' && baseline !== null && baseline !== 0 && Number.isFinite(value) ? value / baseline : null;
  return { workload, figure, value, unit: options.unit, baseline, ratio, goal: options.goal ?? 'reported', met: options.met ?? null };
}

const number = (n: number, digits: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function formatValue(v: number | string | null, unit?: string): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return String(v);
  const digits = Math.abs(v) >= 100 || Number.isInteger(v) ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${number(v, digits)}${unit ? ` ${unit}` : ''}`;
}

export function table(results: WorkloadResult[]): string {
  const header = ['workload', 'figure', 'value', 'baseline', 'ratio', 'goal', 'met?'];
  const lines: string[][] = [];
  for (const r of results) {
    for (const x of r.rows) {
      lines.push([
        x.workload, x.figure, formatValue(x.value, x.unit), formatValue(x.baseline, x.unit), x.ratio === null ? '—' : number(x.ratio, 2), x.goal,
        x.met === null ? '' : x.met ? 'yes' : 'NO',
      ]);
    }
    // CPU and peak memory of each process, one row per process.
    for (const [name, u] of Object.entries(r.resources)) {
      lines.push([r.id, `  ${name}: CPU s · cores · peak MB`, `${number(u.cpuSeconds, 1)} s · ${number(u.cores, 2)} · ${number(u.peakMB, 0)} MB`, '', '', 'reported', '']);
    }
    const load = r.loadAverage ? `; load ${number(r.loadAverage.start, 1)}→${number(r.loadAverage.end, 1)}` : '';
    lines.push([r.id, `(${r.status}, ${number(r.seconds, 0)} s of ${r.boundSeconds} s bound${load})`, r.status === 'failed' ? 'FAILED' : '', '', '', '', r.status === 'failed' ? 'NO' : '']);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const failures = results.filter((r) => r.status === 'failed').map((r) => `${r.id} failed: ${(r.error ?? '').split('\n')[0]!.replace(/^Error: /, '')}`);
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt), ...(failures.length ? ['', ...failures] : [])].join('\n');
}
