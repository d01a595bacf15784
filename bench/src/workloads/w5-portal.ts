/**
 * W5: the portal build (`npm run site -w @articula/portal`: the data step through the gateway with
 * a bulk:read key, Astro, Pagefind) against a platform seeded at `portalScale` × the demo data.
 * Pages per second, and the peak memory of the build (the sum over its process tree, sampled).
 * Baseline: writing the same HTML files (same count, same bytes) straight to disk.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startChild } from '../children.js';
import type { Settings, Workload } from '../context.js';
import { type Platform, ROOT, createApiKey, startPlatform } from '../platform.js';
import { round } from '../proc.js';
import { row } from '../report.js';

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => path.join(e.parentPath, e.name));
}

/** Quick runs build on the main platform when the scales agree (W5 then runs before W3 and W6 add rows). */
const shared = (s: Settings) => s.quick && s.portalScale === s.scale;

export const w5: Workload = {
  id: 'W5',
  title: 'Portal build',
  // At the main platform's scale it reuses it; at another it starts its own (after the main one is stopped).
  meters: (s) => (shared(s) ? 'platform' : 'own'),
  bound: (s) => 300 + 150 * s.portalScale,
  async run(ctx, report) {
    const s = ctx.settings;
    let platform: Platform;
    if (shared(s)) {
      platform = await ctx.platform();
    } else {
      const t = performance.now();
      platform = await startPlatform(await ctx.db.database(`articula_portal_x${s.portalScale}`), s.portalScale, { label: ` (×${s.portalScale})`, rateLimit: s.rateLimit });
      report.defer(() => platform.stop());
      report.detail.platformStartSeconds = round((performance.now() - t) / 1000, 1);
      report.detail.platformStartByPart = platform.startSeconds;
      for (const [name, child] of Object.entries(platform.children)) report.watch(name, child.pid);
    }
    const { key } = await createApiKey(platform.urls.gateway, platform.databaseUrl, 'bulk:read');
    const { works } = (await (await fetch(platform.urls.gateway, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ works(first: 1) { totalCount } }' }) })).json() as any).data;
    report.detail.works = works.totalCount;

    const workDir = path.join(ctx.dir, 'portal-work');
    const outDir = path.join(ctx.dir, 'portal-dist');
    const started = performance.now();
    const build = startChild('portal build', 'npm', ['run', 'site', '-w', '@articula/portal'], {
      cwd: ROOT,
      env: {
        ...process.env, GATEWAY_URL: platform.urls.gateway, PORTAL_API_KEY: key, PORTAL_WORK_DIR: workDir, PORTAL_OUT_DIR: outDir,
        PORTAL_SITE_URL: 'http://127.0.0.1:4321/',
      },
    });
    report.watch('portal build (tree)', build.pid, true);
    report.defer(() => build.stop(2_000));
    const code = await Promise.race([build.exited, new Promise<never>((_, reject) => report.signal.addEventListener('abort', () => reject(new Error('time bound reached')), { once: true }))]);
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) {
      const reason = /portal build failed: .*/.exec(build.output())?.[0] ?? build.output().slice(-1500);
      throw new Error(`the portal build exited with ${code} after ${round(seconds, 0)} s: ${reason}`);
    }
    const summary = /portal built in .*/.exec(build.output())?.[0];
    report.detail.summary = summary;

    const files = await htmlFiles(outDir);
    const pages = files.length;
    // Baseline: the same files, same bytes, written directly (read into memory first, untimed).
    const contents = await Promise.all(files.map(async (f) => ({ rel: path.relative(outDir, f), data: await readFile(f) })));
    const bytes = contents.reduce((n, c) => n + c.data.length, 0);
    const copyDir = path.join(ctx.dir, 'html-direct');
    const t = performance.now();
    for (const c of contents) {
      const target = path.join(copyDir, c.rel);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, c.data);
    }
    const directSeconds = (performance.now() - t) / 1000;
    report.detail.pages = pages;
    report.detail.htmlBytes = bytes;
    report.detail.buildSeconds = round(seconds, 1);

    // The build's peak comes from the meter (sum of VmRSS over its tree, sampled every 200 ms); it is read at the end of the workload.
    report.rows.push(
      row('W5', `pages/s, ${pages.toLocaleString('en-US')} pages at ×${s.portalScale} (build vs direct write)`, pages / seconds, { baseline: pages / directSeconds }),
      row('W5', 'build seconds (data + pages + search)', round(seconds, 1), { unit: 's' }),
    );
  },
  afterMeter(resources, report) {
    const build = resources['portal build (tree)'];
    if (!build) return;
    const all = Object.values(resources).reduce((n, u) => n + u.peakMB, 0);
    report.rows.push(
      row('W5', 'peak MB of the build (sum over its processes)', build.peakMB, { unit: 'MB', goal: '< 4 GB', met: build.peakMB < 4096 }),
      row('W5', 'peak MB, build + platform + PostgreSQL (sum of peaks)', round(all, 0), { unit: 'MB' }),
    );
  },
};
