/**
 * The platform exactly as `npm start` runs it (scripts/start.mjs on the built packages), on a fresh
 * database and free ports, with the portal built into a temporary folder and served.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type TestDatabase, createTestDatabase } from '@articula/common/testing';

const root = new URL('../../../', import.meta.url).pathname;

export interface RunningPlatform {
  gatewayUrl: string;
  portalUrl: string;
  workDir: string;
  outDir: string;
  dir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startPlatform(): Promise<RunningPlatform> {
  const db: TestDatabase = await createTestDatabase('portal');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'articula-portal-'));
  await chmod(dir, 0o755);
  const workDir = path.join(dir, 'work');
  const outDir = path.join(dir, 'site');
  const env = {
    ...process.env, DATABASE_URL: db.url, GATEWAY_PORT: '0', WORKS_PORT: '0', PARTICIPATION_PORT: '0', BUDGET_PORT: '0', PORTAL_PORT: '0',
    PORTAL_WORK_DIR: workDir, PORTAL_OUT_DIR: outDir, LOG_LEVEL: 'warn', PORTAL: '',
  };
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const [gatewayUrl, portalUrl] = await new Promise<[string, string]>((resolve, reject) => {
      const timer = setInterval(() => {
        const gateway = /GraphQL API \(gateway\)\s+(\S+)/.exec(output);
        const portal = /Portal \(datos abiertos\)\s+(\S+)/.exec(output);
        if (gateway && portal) {
          clearInterval(timer);
          resolve([gateway[1], portal[1]]);
        } else if (gateway) {
          clearInterval(timer);
          reject(new Error(`the platform started without its portal:\n${output}`));
        }
      }, 100);
      exited.then(() => {
        clearInterval(timer);
        reject(new Error(`start.mjs exited early:\n${output}`));
      });
    });
    return { gatewayUrl, portalUrl, workDir, outDir, dir, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
