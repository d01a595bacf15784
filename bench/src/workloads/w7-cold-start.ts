/**
 * W7: cold start. `npm start` (the build check through turbo, then scripts/start.mjs) on this
 * installed checkout, with a fresh data folder (so PostgreSQL's initdb, every migration and the
 * demo seed are included) and free ports, until the gateway answers a query. start.mjs prints the
 * time of each step (`✓ <step> <seconds> s`): they are reported as they are. In full runs, a second
 * start on the data the first left (warm) follows. The portal is off: the figure is the API's.
 */
import path from 'node:path';
import { freePort } from '@articula/common';
import { type Child, startChild } from '../children.js';
import type { Workload } from '../context.js';
import { ROOT } from '../platform.js';
import { round } from '../proc.js';
import { row } from '../report.js';
import { sleep } from './util.js';

interface Start {
  seconds: number;
  steps: { step: string; seconds: number }[];
  /** From the spawn of `npm start` to the first line of start.mjs (npm, the Node check, turbo's build check). */
  beforeStartMjs: number;
}

async function coldStart(dataDir: string, signal: AbortSignal, watch: (child: Child) => void): Promise<Start> {
  const ports = { PG_PORT: await freePort(), GATEWAY_PORT: await freePort(), WORKS_PORT: await freePort(), PARTICIPATION_PORT: await freePort(), BUDGET_PORT: await freePort() };
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORTAL: 'off', LOG_LEVEL: 'warn', ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
  delete env.DATABASE_URL;
  const gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
  const started = performance.now();
  const child = startChild('npm start', 'npm', ['start'], { cwd: ROOT, env });
  watch(child);
  let firstLineAt: number | undefined;
  child.process.stdout!.on('data', (d) => {
    if (firstLineAt === undefined && String(d).includes('Starting Articula')) firstLineAt = performance.now();
  });
  try {
    let exited = false;
    child.exited.then(() => (exited = true));
    for (;;) {
      if (signal.aborted) throw new Error('time bound reached');
      if (exited) throw new Error(`npm start exited: ${child.output().split('\n').filter((l) => l.trim() && !/^npm warn/.test(l)).slice(-8).join(' | ')}`);
      try {
        const r = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ districts { ubigeo } }"}', signal: AbortSignal.timeout(1000) });
        if (r.ok && ((await r.json()) as any).data?.districts?.length) break;
      } catch {
        // not yet
      }
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    // start.mjs prints the gateway's step once its /readyz answers: give it a moment.
    for (let i = 0; i < 40 && !/✓ gateway/.test(child.output()); i++) await sleep(50);
    const steps = [...child.output().matchAll(/✓ (.+?)\s+([\d.]+) s$/gm)].map((m) => ({ step: m[1]!.trim().replace(/ on port \d+$/, ''), seconds: Number(m[2]) }));
    return { seconds, steps, beforeStartMjs: round(((firstLineAt ?? started) - started) / 1000, 2) };
  } finally {
    await child.stop(30_000);
  }
}

export const w7: Workload = {
  id: 'W7',
  title: 'Cold start: npm start until the gateway answers',
  meters: 'own',
  bound: (s) => (s.warmStart ? 300 : 180),
  async run(ctx, report) {
    const dataDir = path.join(ctx.dir, 'w7', 'postgres');
    const cold = await coldStart(dataDir, report.signal, (child) => report.watch('npm start (cold, tree)', child.pid, true));
    report.detail.cold = cold;
    report.rows.push(row('W7', 'seconds, npm start (fresh data) until the gateway answers', round(cold.seconds, 1), { unit: 's', goal: '< 30 s', met: cold.seconds < 30 }));
    report.rows.push(row('W7', '  npm, Node check, turbo build check', cold.beforeStartMjs, { unit: 's' }));
    for (const step of cold.steps) report.rows.push(row('W7', `  ${step.step}`, step.seconds, { unit: 's' }));
    if (ctx.settings.warmStart) {
      try {
        const warm = await coldStart(dataDir, report.signal, (child) => report.watch('npm start (warm, tree)', child.pid, true));
        report.detail.warm = warm;
        report.rows.push(row('W7', 'seconds, npm start again (data kept)', round(warm.seconds, 1), { unit: 's' }));
      } catch (error) {
        report.rows.push(row('W7', 'seconds, npm start again (data kept)', `failed: ${(error as Error).message.split('\n').find((l) => /PostgreSQL|error|Error/.test(l))?.slice(0, 80) ?? 'see JSON'}`));
        report.detail.warmError = (error as Error).message;
      }
    }
  },
};
