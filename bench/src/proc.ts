/**
 * CPU time and memory of processes, read from /proc (Linux). A Meter watches named process trees
 * during one workload: CPU is utime+stime (/proc/<pid>/stat) summed over the tree, counting only
 * what was spent after the meter started; peak memory is VmHWM (/proc/<pid>/status) of the root
 * after resetting it (writing 5 to /proc/<pid>/clear_refs) when the tree is one process, and the
 * largest sampled sum of VmRSS over the tree otherwise (PostgreSQL's backends, a build's workers).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK); the kernel reports stat times in it.

/**
 * utime+stime of one process in seconds, or undefined when it is gone. With `reaped`, also the
 * CPU of its children that have exited and been waited for (cutime+cstime): summed over a process
 * tree, that counts short-lived members (PostgreSQL backends that closed) once, and nothing twice.
 */
export function cpuSeconds(pid: number, reaped = false): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields after the last ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const own = Number(fields[11]) + Number(fields[12]); // fields 14 and 15 of stat(5)
    const children = reaped ? Number(fields[13]) + Number(fields[14]) : 0; // fields 16 and 17
    return (own + children) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** VmRSS and VmHWM in bytes, or undefined when the process is gone. */
export function memory(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Resets the peak (VmHWM) of a process to its current RSS; false when not allowed or gone. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** The process and all its descendants (one scan of /proc). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    if (out.includes(pid)) continue;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

export interface ProcessUsage {
  /** CPU seconds spent during the measurement (user + system), over the whole tree. */
  cpuSeconds: number;
  /** CPU seconds per second of wall time (1.0 = one core busy). */
  cores: number;
  /** Peak resident memory in MB during the measurement (see the module comment for how). */
  peakMB: number;
  /** Resident memory in MB when the measurement started. */
  startMB: number;
  /** How the peak was taken: the root's VmHWM, or sampled sums of VmRSS over the tree. */
  peakFrom: 'VmHWM' | 'sampled tree';
  processes: number;
}

interface Watched {
  name: string;
  root: number;
  tree: boolean;
  startCpu: Map<number, number>;
  lastCpu: Map<number, number>;
  peakRss: number;
  startRss: number;
  hwmReset: boolean;
  seen: Set<number>;
}

/**
 * Watches processes during one workload. `watch` names a root pid; with `tree`, its descendants
 * count too (sampled every `intervalMs`). `stop` returns the usage per name.
 */
export class Meter {
  private readonly watched: Watched[] = [];
  private timer?: NodeJS.Timeout;
  private started = 0;

  constructor(private readonly intervalMs = 200) {}

  /** `fromZero`: a process the workload itself started, whose whole CPU time counts. */
  watch(name: string, root: number | undefined, options: { tree?: boolean; fromZero?: boolean } = {}): this {
    if (root === undefined) return this;
    const tree = options.tree ?? false;
    const pids = tree ? processTree(root) : [root];
    const startCpu = new Map<number, number>();
    for (const pid of pids) {
      const cpu = options.fromZero ? 0 : cpuSeconds(pid, tree);
      if (cpu !== undefined) startCpu.set(pid, cpu);
    }
    const hwmReset = !tree && resetPeak(root);
    const startRss = pids.reduce((n, pid) => n + (memory(pid)?.rss ?? 0), 0);
    this.watched.push({ name, root, tree, startCpu, lastCpu: new Map(startCpu), peakRss: startRss, startRss, hwmReset, seen: new Set(pids) });
    return this;
  }

  start(): this {
    this.started = performance.now();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  private sample(): void {
    for (const w of this.watched) {
      const pids = w.tree ? processTree(w.root) : [w.root];
      let rss = 0;
      for (const pid of pids) {
        // A process that appeared after the start spent all of its CPU during the measurement.
        if (!w.seen.has(pid)) {
          w.seen.add(pid);
          w.startCpu.set(pid, 0);
        }
        const cpu = cpuSeconds(pid, w.tree);
        if (cpu !== undefined) w.lastCpu.set(pid, cpu);
        rss += memory(pid)?.rss ?? 0;
      }
      w.peakRss = Math.max(w.peakRss, rss);
    }
  }

  stop(): Record<string, ProcessUsage> {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const seconds = (performance.now() - this.started) / 1000;
    const out: Record<string, ProcessUsage> = {};
    for (const w of this.watched) {
      let cpu = 0;
      for (const [pid, last] of w.lastCpu) cpu += last - (w.startCpu.get(pid) ?? 0);
      const hwm = w.hwmReset ? memory(w.root)?.hwm : undefined;
      const peak = hwm !== undefined ? Math.max(hwm, w.peakRss) : w.peakRss;
      out[w.name] = {
        cpuSeconds: round(cpu, 2), cores: round(seconds > 0 ? cpu / seconds : 0, 2), peakMB: round(peak / 2 ** 20, 1), startMB: round(w.startRss / 2 ** 20, 1),
        peakFrom: hwm !== undefined ? 'VmHWM' : 'sampled tree', processes: w.seen.size,
      };
    }
    return out;
  }
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
