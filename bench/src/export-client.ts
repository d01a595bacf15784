/**
 * W6's exporter, as its own process so that its memory is measured on its own. Two modes:
 *
 * - `stream`: GETs the works dataset (`<gateway>/datasets/works.csv`) with a bulk:read key, as a
 *   mirror would, pipes the body to a file and counts its rows on the way (CSV-aware: a line
 *   break inside a quoted field is not a row). Reports rows, bytes and seconds.
 * - `paging`: pages through the gateway's `works` connection (pages of 100, as the portal's data
 *   step reads) and streams each page to a CSV file as it arrives. Two phases, each bounded in
 *   time: from the first row, then from `deepOffset` (the cursor is the row's offset), to see how
 *   the cost of a page grows with its depth.
 *
 * Prints one JSON line with what it did.
 *
 *   node dist/export-client.js '{"mode":"stream","url":…,"key":…,"file":…}'
 *   node dist/export-client.js '{"mode":"paging","url":…,"key":…,"file":…,"seconds":[40,20],"deepOffset":900000}'
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import http from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

type Spec =
  | { mode: 'stream'; url: string; key: string; file: string }
  | { mode: 'paging'; url: string; key: string; file: string; seconds: [number, number]; deepOffset: number };

const spec = JSON.parse(process.argv[2]!) as Spec;

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** Downloads the dataset to the file; its rows are the line breaks outside quoted fields, less the header's. */
async function stream(url: string, key: string, file: string) {
  const started = performance.now();
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get(url, { headers: { authorization: `Bearer ${key}` } }, resolve).on('error', reject);
  });
  if (response.statusCode !== 200) {
    let body = '';
    for await (const chunk of response) body += chunk;
    throw new Error(`HTTP ${response.statusCode}: ${body.slice(0, 300)}`);
  }
  let lines = 0;
  let bytes = 0;
  let quoted = false;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) quoted = !quoted; // a doubled quote inside a field toggles twice
        else if (byte === NEWLINE && !quoted) lines++;
      }
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(response, counter, createWriteStream(file));
  const seconds = (performance.now() - started) / 1000;
  const rows = Math.max(0, lines - 1);
  return { rows, bytes, seconds, rowsPerSecond: rows / seconds };
}

const QUERY = `query($after: String) { works(first: 100, after: $after) { edges { node {
  id cui title kind sector status plannedStart plannedEnd investmentCost physicalProgress executor { name } districts { ubigeo } } }
  pageInfo { hasNextPage endCursor } } }`;
const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Pages through the `works` connection for two bounded phases, writing each page to the file as it arrives. */
async function paging(url: string, key: string, file: string, seconds: [number, number], deepOffset: number) {
  const out = createWriteStream(file);
  out.write('id,cui,title,kind,sector,status,planned_start,planned_end,investment_cost,physical_progress,executor,districts\r\n');

  async function phase(after: string | null, seconds: number) {
    const started = performance.now();
    const end = started + seconds * 1000;
    let rows = 0;
    let pages = 0;
    let done = false;
    const errors: string[] = [];
    let failedAttempts = 0;
    while (performance.now() < end) {
      // A page that fails (the gateway gives up on a subgraph after SUBGRAPH_TIMEOUT_MS) is tried
      // again twice, as an export job would; the failures are reported.
      let body: any;
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(url, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: QUERY, variables: { after } }),
        });
        body = (await response.json()) as any;
        if (response.ok && !body.errors) break;
        failedAttempts++;
        const error = `HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 200)}`;
        if (errors.length < 3) errors.push(error);
        if (attempt === 3 || performance.now() > end) {
          const elapsed = (performance.now() - started) / 1000;
          return { rows, pages, seconds: elapsed, rowsPerSecond: rows / elapsed, msPerPage: pages ? (elapsed * 1000) / pages : Number.NaN, done, failedAttempts, errors, gaveUp: true };
        }
      }
      const { edges, pageInfo } = body.data.works;
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
    return { rows, pages, seconds: elapsed, rowsPerSecond: rows / elapsed, msPerPage: pages ? (elapsed * 1000) / pages : Number.NaN, done, failedAttempts, errors, gaveUp: false };
  }

  const first = await phase(null, seconds[0]);
  // The cursor of row k is base64url("o:k"): start right after row deepOffset - 1.
  const deep = first.done || first.gaveUp ? undefined : await phase(Buffer.from(`o:${deepOffset - 1}`).toString('base64url'), seconds[1]);
  out.end();
  await once(out, 'finish');
  return { first, deep, bytes: out.bytesWritten };
}

try {
  const result = spec.mode === 'stream'
    ? await stream(spec.url, spec.key, spec.file)
    : await paging(spec.url, spec.key, spec.file, spec.seconds, spec.deepOffset);
  process.stdout.write(`${JSON.stringify({ ready: true, ...result })}\n`);
} catch (error) {
  process.stderr.write(`export failed: ${(error as Error).message}\n`);
  process.exit(1);
}
