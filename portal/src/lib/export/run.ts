/** The data step and the site build, as functions: scripts/ and npm start call them. */
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { gatewayClient } from '../gateway.ts';
import { budgetMismatches } from './check.ts';
import { PORTAL_ROOT, type PortalConfig } from './config.ts';
import { buildDatasets } from './datasets.ts';
import { fetchSnapshot } from './fetch.ts';
import { type SiteCatalog, writeDatasets } from './write.ts';

export interface ExportResult { catalog: SiteCatalog; ms: number }

export async function exportData(config: PortalConfig, now = new Date()): Promise<ExportResult> {
  const t0 = performance.now();
  const snapshot = await fetchSnapshot(gatewayClient(config.gatewayUrl, { apiKey: config.apiKey, log: (line) => process.stderr.write(`  ${line}\n`) }), { now });
  const mismatches = budgetMismatches(snapshot);
  if (mismatches.length > 0) throw new Error(`budget lines do not add up to the API's execution:\n  ${mismatches.slice(0, 5).join('\n  ')}`);
  const catalog = await writeDatasets(config, buildDatasets(snapshot), snapshot.generatedAt);
  return { catalog, ms: performance.now() - t0 };
}

export interface SiteResult { exportMs: number; pagesMs: number; searchMs: number; pageCount: number }

/** Export, then the Astro build into config.outDir, then the Pagefind index. */
export async function buildSite(config: PortalConfig, options: { quiet?: boolean } = {}): Promise<SiteResult> {
  const { ms: exportMs } = await exportData(config);
  // Static files of the site (favicon, robots.txt) join the datasets in the public folder.
  await cp(path.join(PORTAL_ROOT, 'static'), path.join(config.workDir, 'public'), { recursive: true });
  // The input format agencies implement (docs/interventions) is published with the site.
  await cp(path.join(PORTAL_ROOT, '..', 'docs', 'interventions'), path.join(config.workDir, 'public', 'formato', 'intervenciones'), { recursive: true });

  const t1 = performance.now();
  process.env.PORTAL_WORK_DIR = config.workDir;
  process.env.PORTAL_SITE_URL = config.siteUrl;
  await rm(config.outDir, { recursive: true, force: true });
  const { build } = await import('astro');
  await build({
    root: PORTAL_ROOT,
    outDir: config.outDir,
    publicDir: path.join(config.workDir, 'public'),
    site: config.siteUrl,
    logLevel: options.quiet ? 'error' : 'info',
    telemetry: false,
  } as Parameters<typeof build>[0]);
  const pagesMs = performance.now() - t1;

  const t2 = performance.now();
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'es' });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: config.outDir });
  if (added.errors.length) throw new Error(`pagefind: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: path.join(config.outDir, 'pagefind') });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  return { exportMs, pagesMs, searchMs: performance.now() - t2, pageCount: added.page_count };
}
