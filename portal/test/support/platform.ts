/**
 * The platform exactly as `npm start` runs it (scripts/start.mjs on the built packages), on a fresh
 * database and free ports, with the portal built into a temporary folder and served.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type PlatformProcess, type TestDatabase, createTestDatabase, startPlatformProcess } from '@articula/common/testing';

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
    DATABASE_URL: db.url, GATEWAY_PORT: '0', WORKS_PORT: '0', PARTICIPATION_PORT: '0', BUDGET_PORT: '0', PORTAL_PORT: '0',
    PORTAL_WORK_DIR: workDir, PORTAL_OUT_DIR: outDir, LOG_LEVEL: 'warn', PORTAL: '',
    // The tests export again anonymously (as any citizen could), many requests in a minute from this host.
    RATE_LIMIT_EXEMPT: '127.0.0.1',
  };
  let started: PlatformProcess | undefined;
  const stop = async () => {
    await started?.stop();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    started = await startPlatformProcess(env);
    const { gateway: gatewayUrl, portal: portalUrl } = started.urls;
    if (!portalUrl) throw new Error(`the platform started without its portal:\n${started.output()}`);
    return { gatewayUrl, portalUrl, workDir, outDir, dir, output: started.output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
