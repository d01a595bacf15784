/**
 * The platform exactly as `npm start` runs it (scripts/start.mjs on the built packages), as a child
 * process, for tests that need real processes: it resolves once start.mjs prints its addresses.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface PlatformProcess {
  child: ChildProcess;
  /** What start.mjs printed so far (stdout and stderr). */
  output(): string;
  /** The printed addresses; `portal` only when the portal was built. */
  urls: { gateway: string; works: string; participation: string; budget: string; portal?: string };
  exited: Promise<number | null>;
  /** SIGTERM and wait for the exit (no-op when it already exited). */
  stop(): Promise<void>;
}

/**
 * Starts start.mjs with `env` added to the test's environment and resolves when it is running
 * (after "Press Ctrl-C"), or rejects with its output if it exits first.
 */
export async function startPlatformProcess(env: Record<string, string>, options: Pick<SpawnOptions, 'detached'> = {}): Promise<PlatformProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Press Ctrl-C to stop.')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    exited.then(() => {
      clearInterval(timer);
      reject(new Error(`start.mjs exited early:\n${out}`));
    });
  });
  const pick = (label: string) => new RegExp(`${label}\\s+(http\\S+)`).exec(out)?.[1];
  return {
    child,
    output: () => out,
    urls: {
      gateway: pick('GraphQL API \\(gateway\\)')!, works: pick('works subgraph')!, participation: pick('participation subgraph')!, budget: pick('budget subgraph')!,
      portal: pick('Portal \\(datos abiertos\\)'),
    },
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
