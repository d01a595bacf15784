/**
 * W6's exporter, as its own process so that its memory is measured on its own: it pages through
 * the gateway's `works` connection (pages of 100, a bulk:read key, as the portal's data step
 * reads) and streams each page to a CSV file as it arrives. Two phases, each bounded in time:
 * from the first row, then from `deepOffset` (the cursor is the row's offset), to see how the
 * cost of a page grows with its depth. Prints one JSON line with what each phase did.
 *
 *   node dist/export-client.js '{"url":…,"key":…,"file":…,"seconds":[40,20],"deepOffset":900000}'
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const spec = JSON.parse(process.argv[2]!) as { url: string; key: string; file: string; seconds: [number, number]; deepOffset: number };
const QUERY = `query($after: String) { works(first: 100, after: $after) { totalCount edges { node {
  id cui title kind sector status plannedStart plannedEnd investmentCost physicalProgress executor { name } districts { ubigeo } } }
  pageInfo { hasNextPage endCursor } } }`;
const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const out = createWriteStream(spec.file);
out.write('id,cui,title,kind,sector,status,planned_start,planned_end,investment_cost,physical_progress,executor,districts\r\n');

async function phase(after: string | null, seconds: number) {
  const started = performance.now();
  const end = started + seconds * 1000;
  let rows = 0;
  let pages = 0;
  let done = false;
  let totalCount = 0;
  const errors: string[] = [];
  let failedAttempts = 0;
  while (performance.now() < end) {
    // A page that fails (the gateway gives up on a subgraph after SUBGRAPH_TIMEOUT_MS) is tried
    // again twice, as an export job would; the failures are reported.
    let body: any;
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(spec.url, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${spec.key}` }, body: JSON.stringify({ query: QUERY, variables: { after } }),
      });
      body = (await response.json()) as any;
      if (response.ok && !body.errors) break;
      failedAttempts++;
      const error = `HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 200)}`;
      if (errors.length < 3) errors.push(error);
      if (attempt === 3 || performance.now() > end) {
        const elapsed = (performance.now() - started) / 1000;
        return { rows, pages, seconds: elapsed, rowsPerSecond: rows / elapsed, msPerPage: pages ? (elapsed * 1000) / pages : Number.NaN, done, totalCount, failedAttempts, errors, gaveUp: true };
      }
    }
    const { edges, pageInfo } = body.data.works;
    totalCount = body.data.works.totalCount;
    let chunk = '';
    for (const { node: w } of edges) {
      chunk += `${[w.id, w.cui, w.title, w.kind, w.sector, w.status, w.plannedStart, w.plannedEnd, w.investmentCost, w.physicalProgress, w.executor.name,
        w.districts.map((d: { ubigeo: string }) => d.ubigeo).join('|')].map(cell).join(',')}\r\n`;
    }
    if (!out.write(chunk)) await once(out, 'drain');
    rows += edges.length;
    pages++;
    if (!pageInfo.hasNextPage) {
      done = true;
      break;
    }
    after = pageInfo.endCursor;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { rows, pages, seconds: elapsed, rowsPerSecond: rows / elapsed, msPerPage: pages ? (elapsed * 1000) / pages : Number.NaN, done, totalCount, failedAttempts, errors, gaveUp: false };
}

try {
  const first = await phase(null, spec.seconds[0]);
  // The cursor of row k is base64url("o:k"): start right after row deepOffset - 1.
  const deep = first.done || first.gaveUp ? undefined : await phase(Buffer.from(`o:${spec.deepOffset - 1}`).toString('base64url'), spec.seconds[1]);
  out.end();
  await once(out, 'finish');
  process.stdout.write(`${JSON.stringify({ ready: true, first, deep, bytes: out.bytesWritten })}\n`);
} catch (error) {
  process.stderr.write(`export failed: ${(error as Error).message}\n`);
  process.exit(1);
}
