// `npm run site -w @articula/portal`: the data step against GATEWAY_URL, then the pages, then search.
// The result (PORTAL_OUT_DIR, default portal/dist) is plain static files for any web server.
// Astro's per-page log (800+ lines) only with --verbose: the summary line below says what was built.
import { portalConfig } from '../src/lib/export/config.ts';
import { buildSite } from '../src/lib/export/run.ts';

try {
  const config = portalConfig();
  const r = await buildSite(config, { quiet: !process.argv.includes('--verbose') });
  console.log(`portal built in ${config.outDir}: ${r.pageCount} pages; data ${(r.exportMs / 1000).toFixed(1)} s, pages ${(r.pagesMs / 1000).toFixed(1)} s, search ${(r.searchMs / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`portal build failed: ${(error as Error).message}`);
  process.exit(1);
}
