/**
 * Every process the benchmark starts goes through here, so that it is always ended: by the
 * workload that started it, by the run at the end, or, if the run itself is interrupted or
 * crashes, by the exit handlers below (SIGTERM to each, then SIGKILL to whatever is left).
 * Each child gets its own process group, and is ended by its group id, so nothing it started
 * (npm → node → PostgreSQL, a build's workers) outlives it.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  /** stdout and stderr so far (the last 64 KB). */
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the child has exited. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<Child>();

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export function startChild(name: string, command: string, args: string[], options: SpawnOptions = {}): Child {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
  if (child.pid === undefined) throw new Error(`${name} could not be started (${command})`);
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 65_536) out = out.slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const handle: Child = {
    name, process: child, pid: child.pid, output: () => out, exited,
    stop: async (graceMs = 10_000) => {
      const deadline = Date.now() + graceMs;
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup(child.pid!, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      // What the child started may still be stopping (PostgreSQL writing its shutdown checkpoint):
      // wait for the group to empty within the grace period, then kill whatever is left.
      while (groupAlive(child.pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      signalGroup(child.pid!, 'SIGKILL');
      live.delete(handle);
    },
  };
  live.add(handle);
  return handle;
}

/** Resolves with the first stdout line that parses as JSON with `ready`; rejects if the child exits first or after `timeoutMs`. */
export function readyLine<T = any>(child: Child, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const lines = createInterface({ input: child.process.stdout! });
    const timer = setTimeout(() => reject(new Error(`${child.name} not ready after ${timeoutMs / 1000} s:\n${child.output().slice(-2000)}`)), timeoutMs);
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line);
        if (parsed?.ready) {
          clearTimeout(timer);
          resolve(parsed);
        }
      } catch {
        // not our line
      }
    });
    child.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${child.name} exited (${code}) while starting:\n${child.output().slice(-2000)}`));
    });
  });
}

/** Polls `url` until it answers 2xx; rejects when `child` exits or after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child?.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${child!.name} exited while starting:\n${child!.output().slice(-2000)}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s${child ? `:\n${child.output().slice(-2000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].reverse().map((c) => c.stop(5_000)));
}

/** Last resort when the run is interrupted or crashes: no child may outlive it. */
function killAllNow() {
  for (const c of live) signalGroup(c.pid, 'SIGKILL');
}
process.once('exit', killAllNow);
