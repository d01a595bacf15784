/**
 * The portal end to end: `npm start`'s platform on a fresh database builds the portal from the live
 * gateway and serves it; a real headless Chromium reads it. What a page shows must be what the
 * gateway answers; every download must match the catalog; no template may fail WCAG 2.2 AA; the
 * home page must stay light; and no citizen's personal data may reach a page or a dataset.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { graphqlRequest } from '@articula/common/testing';
import { parseCsv } from '../src/lib/opendata/csv.ts';
import { findPersonalData } from '../src/lib/opendata/pii.ts';
import { portalConfig } from '../src/lib/export/config.ts';
import { exportData } from '../src/lib/export/run.ts';
import { INSTITUTIONAL_DOMAINS } from '../src/lib/export/write.ts';
import { missingMandatory } from './support/dcat-ap.ts';
import { launchChromium } from './support/browser.ts';
import { type RunningPlatform, startPlatform } from './support/platform.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const HOME_BUDGET_BYTES = 150 * 1024;
const PHASE_ES: Record<string, string> = { PREPARATION: 'Preparación', CONCERTATION: 'Concertación', COORDINATION: 'Coordinación', FORMALIZATION: 'Formalización' };

let platform: RunningPlatform;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchChromium();
  page = await browser.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function gateway<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await graphqlRequest(platform.gatewayUrl, query, variables);
  expect(r.body.errors).toBeUndefined();
  return r.body.data as T;
}
const url = (p: string) => new URL(p, platform.portalUrl).href;
/** "S/ 1,234,567.50", "148,729", "6.6 %" → the number written. */
const num = (text: string | null) => Number((text ?? '').replace(/S\/|%|pp|\s|,/g, '').replace('−', '-'));
const field = async (name: string) => (await page.locator(`[data-field="${name}"]`).first().textContent())?.trim() ?? '';

describe('home', () => {
  it('shows the current participatory budget phase and the 28-district map', async () => {
    const { participatoryBudgets } = await gateway(`{ participatoryBudgets { year currentPhase ceiling } }`);
    const current = participatoryBudgets.sort((a: any, b: any) => b.year - a.year)[0];
    expect(current.currentPhase).not.toBeNull(); // the demo's newest process is under way
    await page.goto(url('/'));
    const phase = await page.locator('#fase-actual').textContent();
    expect(phase).toContain(`Fase actual: ${PHASE_ES[current.currentPhase]}`);
    expect(await page.locator('#pp-titulo').textContent()).toContain(String(current.year));
    expect(num((await page.locator('#fase-actual strong').nth(1).textContent()))).toBe(Number(current.ceiling));

    const map = page.locator('#mapa-distritos svg');
    await expect(map.count()).resolves.toBe(1);
    const links = map.locator('a');
    expect(await links.count()).toBe(28);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const { districts } = await gateway(`{ districts { ubigeo } }`);
    expect(new Set(hrefs)).toEqual(new Set(districts.map((d: any) => `/distritos/${d.ubigeo}/`)));
    // The map is drawn: each district a filled shape with a name a screen reader can announce.
    const labels = await links.evaluateAll((as) => as.map((a) => a.getAttribute('aria-label') ?? a.querySelector('title')?.textContent ?? ''));
    expect(labels.every((l) => l.length > 3)).toBe(true);
  });

  it('stays under the transfer budget for cheap phones on slow links', async () => {
    const fresh = await browser.newContext();
    const p = await fresh.newPage();
    const cdp = await fresh.newCDPSession(p);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      requests++;
    });
    await p.goto(url('/'), { waitUntil: 'networkidle' });
    await fresh.close();
    console.log(`home page transfer: ${bytes} bytes in ${requests} request(s) (budget ${HOME_BUDGET_BYTES})`);
    expect(requests).toBeGreaterThan(0);
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThan(HOME_BUDGET_BYTES);
  });
});

describe('a district page and a work page show what the gateway returns', () => {
  it.each(['120104', '120101'])('district %s', async (ubigeo) => {
    const { participatoryBudgets } = await gateway(`{ participatoryBudgets { year } }`);
    const year = Math.max(...participatoryBudgets.map((b: any) => b.year));
    const data = await gateway(`query($u: String!, $y: Int!) {
      district(ubigeo: $u) { name population povertyRate extremePovertyRate organizations { totalCount } requestStats { count suppressed } fundedAmount(year: $y) }
      investmentPerCapita { districts { district { ubigeo } workCount totalInvestment investmentPerInhabitant } } }`, { u: ubigeo, y: year });
    const d = data.district;
    const inv = data.investmentPerCapita.districts.find((x: any) => x.district.ubigeo === ubigeo);
    await page.goto(url(`/distritos/${ubigeo}/`));
    expect(await page.locator('h1').textContent()).toBe(`Distrito de ${d.name}`);
    expect(num(await field('population'))).toBe(d.population);
    expect(num(await field('poverty_pct'))).toBe(Math.round(d.povertyRate * 10) / 10);
    expect(num(await field('work_count'))).toBe(inv.workCount);
    expect(num(await field('total_investment'))).toBe(Number(inv.totalInvestment));
    expect(num(await field('investment_per_inhabitant'))).toBe(Number(inv.investmentPerInhabitant));
    expect(num(await field('organization_count'))).toBe(d.organizations.totalCount);
    expect(num(await field('funded_amount'))).toBe(Number(d.fundedAmount ?? 0));
    if (d.requestStats && !d.requestStats.suppressed) expect(num(await field('request_count'))).toBe(d.requestStats.count);
  });

  it('a work under way with reports, budget and history', async () => {
    const { works } = await gateway(`{ works(first: 100, filter: { status: [IN_EXECUTION] }) { edges { node { id financialProgress investmentCost cui progressReports { date } } } } }`);
    const candidate = works.edges.map((e: any) => e.node).find((w: any) => w.financialProgress !== null && w.cui && w.progressReports.length >= 2);
    expect(candidate).toBeDefined();
    const { work } = await gateway(`query($id: ID!) { work(id: $id) { id title cui physicalProgress financialProgress progressGap investmentCost
      executor { name } districts { ubigeo name } progressReports { date physicalProgress } history(first: 100) { at } agreements { id } } }`, { id: candidate.id });
    await page.goto(url(`/obra/${work.id}/`));
    expect(await page.locator('h1').textContent()).toBe(work.title);
    expect(num(await field('physical_progress'))).toBe(Math.round(work.physicalProgress * 10) / 10);
    expect(num(await field('financial_progress'))).toBe(Math.round(work.financialProgress * 10) / 10);
    expect(num(await field('progress_gap'))).toBe(Math.round(work.progressGap * 10) / 10);
    expect(num(await field('investment_cost'))).toBe(Number(work.investmentCost));
    expect(await field('cui')).toBe(work.cui);
    expect(await field('executor')).toContain(work.executor.name);
    expect(await page.locator('[data-field="districts"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(work.districts.map((d: any) => `/distritos/${d.ubigeo}/`));
    // Progress over time: one chart, and its table has a row per progress report date.
    const chartDates = await page.locator('figure', { hasText: 'Avance físico (informes de avance)' }).locator('tbody th').allTextContents();
    expect(chartDates.filter((t) => !t.includes('fin de mes'))).toHaveLength(work.progressReports.length);
    expect(await page.locator('table', { hasText: 'Cambios registrados' }).locator('tbody tr').count()).toBe(work.history.length);
  });
});

describe('open data', () => {
  let catalog: any;
  beforeAll(async () => {
    catalog = await (await fetch(url('/datos/catalogo.jsonld'))).json();
  });

  it('the DCAT-AP catalog has every mandatory property', () => {
    expect(missingMandatory(catalog)).toEqual([]);
  });

  it('every dataset link downloads, and its SHA-256 and row count match the catalog', async () => {
    await page.goto(url('/datos/'));
    const datasetPages = await page.locator('main h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(datasetPages.length).toBeGreaterThanOrEqual(15);
    const dcatText = JSON.stringify(catalog);
    let files = 0;
    for (const datasetPage of datasetPages) {
      await page.goto(url(datasetPage));
      // schema.org Dataset markup on every dataset page.
      const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
      expect(ld['@type']).toBe('Dataset');
      const rows = await page.locator('#descargas tbody tr').evaluateAll((trs) => trs.map((tr) => ({
        href: tr.querySelector('a')!.getAttribute('href')!, rows: tr.getAttribute('data-rows'), bytes: Number(tr.getAttribute('data-bytes')), sha256: tr.getAttribute('data-sha256')!,
      })));
      expect(rows.length).toBeGreaterThanOrEqual(3);
      for (const row of rows) {
        // Downloaded by the browser, hashed by the browser.
        const got = await page.evaluate(async (href) => {
          const response = await fetch(href);
          const buffer = await response.arrayBuffer();
          const digest = await crypto.subtle.digest('SHA-256', buffer);
          return { status: response.status, bytes: buffer.byteLength, sha256: [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''), text: new TextDecoder().decode(buffer) };
        }, row.href);
        expect({ href: row.href, status: got.status, bytes: got.bytes, sha256: got.sha256 }).toEqual({ href: row.href, status: 200, bytes: row.bytes, sha256: row.sha256 });
        expect(dcatText).toContain(row.sha256); // the DCAT catalog carries the same checksum
        if (row.rows) {
          let count: number;
          if (row.href.endsWith('.csv')) count = parseCsv(got.text).length - 1;
          else if (row.href.endsWith('.geojson')) count = JSON.parse(got.text).features.length;
          else if (row.href.endsWith('-oc4ids.json')) count = JSON.parse(got.text).projects.length;
          else count = JSON.parse(got.text).length;
          expect({ href: row.href, count }).toEqual({ href: row.href, count: Number(row.rows) });
        }
        files++;
      }
    }
    expect(files).toBeGreaterThanOrEqual(50);
  });

  it('the works dataset has every work the gateway lists', async () => {
    const { works } = await gateway(`{ works(first: 1) { totalCount } }`);
    const csv = parseCsv(await (await fetch(url('/datos/obras.csv'))).text());
    expect(csv.length - 1).toBe(works.totalCount);
  });

  it('the archive downloads with the checksum the catalog page states', async () => {
    await page.goto(url('/datos/'));
    const link = page.locator('#descargas-catalogo a[download]');
    const expected = await page.locator('#descargas-catalogo [data-sha256]').textContent();
    const got = await page.evaluate(async (href) => {
      const buffer = await (await fetch(href)).arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-256', buffer);
      return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    }, (await link.getAttribute('href'))!);
    expect(got).toBe(expected);
  });
});

describe('reach', () => {
  const templates = async () => {
    const { works } = await gateway(`{ works(first: 1, filter: { status: [IN_EXECUTION] }) { edges { node { id } } } }`);
    const { participatoryBudgets } = await gateway(`{ participatoryBudgets { year } }`);
    return ['/', '/obras/', '/obras/2/', '/obras/distrito/120104/', `/obra/${works.edges[0].node.id}/`, '/distritos/', '/distritos/120101/', '/distritos/120104/',
      '/presupuesto-participativo/', `/presupuesto-participativo/${participatoryBudgets[0].year}/`, '/ejecucion/', `/ejecucion/${new Date().getFullYear()}/`,
      '/acuerdos/', '/atencion-ciudadana/', '/intervenciones/', '/datos/', '/datos/obras/', '/api/', '/metodologia/', '/buscar/', '/no-existe/'];
  };

  it('axe-core finds zero WCAG 2.2 AA violations on every template', async () => {
    const report: string[] = [];
    for (const p of await templates()) {
      await page.goto(url(p));
      await page.addScriptTag({ content: AXE_SOURCE });
      const violations = await page.evaluate(async () => {
        const result = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
        return result.violations.map((v: any) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
      });
      for (const v of violations) report.push(`${p}: ${v}`);
    }
    expect(report).toEqual([]);
  });

  it('every template is readable at 320 px wide, without horizontal scrolling', async () => {
    const narrow = await browser.newPage({ viewport: { width: 320, height: 640 } });
    const overflowing: string[] = [];
    for (const p of await templates()) {
      await narrow.goto(url(p));
      const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) overflowing.push(`${p}: ${width}px`);
    }
    await narrow.close();
    expect(overflowing).toEqual([]);
  });
});

describe('without JavaScript, and with search', () => {
  it('no template but the search page carries a script', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    const scripted: string[] = [];
    for (const path of ['/', '/obras/', '/obras/estado/in-execution/', '/distritos/120104/', '/presupuesto-participativo/', '/ejecucion/', '/acuerdos/', '/datos/', '/datos/obras/']) {
      const response = await p.goto(url(path));
      expect(response?.status()).toBe(200);
      expect((await p.locator('main h1').textContent())?.length).toBeGreaterThan(3);
      if (await p.locator('script:not([type="application/ld+json"])').count()) scripted.push(path);
    }
    await noJs.close();
    expect(scripted).toEqual([]);
  });

  it('the works filters are plain links to lists that hold only what they say', async () => {
    const { works } = await gateway(`{ works(first: 1, filter: { status: [SUSPENDED] }) { totalCount } }`);
    await page.goto(url('/obras/'));
    await page.locator('.filter-menu a', { hasText: 'Paralizada' }).click();
    expect(new URL(page.url()).pathname).toBe('/obras/estado/suspended/');
    expect(await page.locator('#recuento').textContent()).toContain(`de ${works.totalCount}.`);
    const statuses = await page.locator('ol.works .meta').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((t) => t.includes('Paralizada'))).toBe(true);
  });

  it('Pagefind finds a work by a word of its title', async () => {
    const { works } = await gateway(`{ works(first: 1, filter: { status: [IN_EXECUTION] }) { edges { node { id title } } } }`);
    const word = works.edges[0].node.title.split(/\s+/).find((w: string) => w.length > 7) as string;
    await page.goto(url(`/buscar/?q=${encodeURIComponent(word)}`));
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.pagefind-ui__result').count()).toBeGreaterThan(0);
    expect(await page.locator('.pagefind-ui__result a').first().getAttribute('href')).toMatch(/^\//);
  });
});

describe('agencies', () => {
  it("the API page publishes the agencies' input format, and its files download", async () => {
    await page.goto(url('/api/'));
    const fields = await page.locator('#formato tbody th code').allTextContents();
    expect(fields).toEqual(expect.arrayContaining(['externalId', 'title', 'districts', 'status', 'investmentCost']));
    const hrefs = await page.locator('a[href^="/formato/intervenciones/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThanOrEqual(7);
    for (const href of hrefs) {
      const response = await fetch(url(href));
      expect({ href, status: response.status }).toEqual({ href, status: 200 });
      if (href.endsWith('.json')) expect(typeof (await response.json())).toBe('object');
    }
    const template = await (await fetch(url('/formato/intervenciones/plantilla.csv'))).text();
    expect(template.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.split(',')).toEqual(expect.arrayContaining(['external_id', 'districts', 'physical_progress']));
  });
});

describe('personal data', () => {
  async function* walk(dir: string): AsyncGenerator<string> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full);
      else yield full;
    }
  }

  it('no page and no dataset has a DNI, phone or e-mail pattern, even after a citizen submits theirs', async () => {
    // A citizen submits a request with all their personal data; the portal is then exported again.
    const submitted = await gateway(`mutation($input: SubmitRequestInput!) { submitRequest(input: $input) { trackingCode } }`, {
      input: { kind: 'NEED', category: 'WATER_AND_SANITATION', district: '120104', description: 'Falta agua potable en el anexo.', submitter: { fullName: 'Yessenia Ccanto Lliuya', dni: '45871236', phone: '987654321', email: 'yessenia.ccanto@example.com', address: 'Jr. Real 123' } },
    });
    expect(submitted.submitRequest.trackingCode).toMatch(/^HYO-/);
    const config = portalConfig({ ...process.env, GATEWAY_URL: platform.gatewayUrl, PORTAL_WORK_DIR: path.join(platform.dir, 'rescan') });
    await exportData(config);

    const findings: string[] = [];
    let scanned = 0;
    for (const dir of [path.join(config.workDir, 'public'), platform.outDir]) {
      for await (const file of walk(dir)) {
        if (!/\.(html|csv|json|geojson|jsonld)$/.test(file)) continue;
        const text = await readFile(file, 'utf8');
        scanned++;
        for (const f of findPersonalData(text, { allowEmailDomains: INSTITUTIONAL_DOMAINS })) findings.push(`${path.relative(platform.dir, file)}: ${f.kind} ${f.match}`);
        for (const value of ['45871236', '987654321', 'yessenia.ccanto', 'Ccanto Lliuya', 'Jr. Real 123']) if (text.includes(value)) findings.push(`${file}: ${value}`);
      }
    }
    expect(scanned).toBeGreaterThan(700); // every page and every dataset, not a sample
    expect(findings).toEqual([]);
  });
});
