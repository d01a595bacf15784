/**
 * Sends a file of interventions through the API in batches, resumably.
 *
 * Exactly-once without a transaction across the network: each batch's idempotency key is derived
 * from the run (saved before anything is sent), the file's content and the batch's first row, so a batch re-sent after a crash (answered by
 * the server but not yet noted here) gets the server's stored first answer instead of being
 * written twice, and the counts stay exact. After every acknowledged batch the state file records
 * the last row done, the running counts and the length of the rejected-rows file (which is cut
 * back to that length on resume, so no rejected row is listed twice).
 *
 * Two batches are in flight by default (`parallel`): they are noted strictly in file order, so
 * the state never claims a row whose batch, or any batch before it, is unanswered; and a batch
 * that names an intervention a batch in flight also names waits for that one first.
 *
 * A batch the API refuses for some items is sent again without them (with a derived key); those
 * rows go to the rejected file with the API's reasons. Transient failures (network, a service
 * unavailable) are retried with backoff; if they persist the run stops with its state saved.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, open, readFile, rename, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { type InterventionInput, toInterventionInput, unknownColumns } from './map.js';
import { countRecords, fileFormat, readCsvHeader, readRecords } from './read.js';

export interface ImportOptions {
  file: string;
  url: string;
  key: string;
  batchSize?: number;
  /**
   * Batches in flight at once (1–4, default 2). While the API checks one batch, PostgreSQL writes
   * the one before: measured on 100,000 rows, ~1.5× the rows per second of one at a time. Each
   * batch is still recorded in file order, and a batch naming an intervention that a batch in
   * flight also names waits for it, so the file's order is the order of writes.
   */
  parallel?: number;
  /** Forget a previous run's state and start from the first row. */
  restart?: boolean;
  onProgress?: (p: Progress) => void;
  /** Attempts per batch on transient failures before the run stops (state saved). */
  maxAttempts?: number;
}

export interface Counts { created: number; updated: number; unchanged: number; rejected: number }
export interface Progress extends Counts {
  rowsDone: number;
  totalRows: number;
  rowsPerSecond: number;
  /** Set while the run waits for the API's rate-limit window to reset. */
  waitingSeconds?: number;
}
export interface ImportReport extends Counts {
  totalRows: number;
  batches: number;
  seconds: number;
  rowsPerSecond: number;
  resumedFromRow: number;
  rejectedFile: string | null;
  stateFile: string;
}

interface State extends Counts {
  version: 1;
  /** Names this run's batches (with their first row) in the idempotency keys; kept across a resume, new on --restart. */
  runId: string;
  fileSha256: string;
  fileSize: number;
  batchSize: number;
  lastRow: number;
  rejectedBytes: number;
  batches: number;
  done: boolean;
}

export class ImportError extends Error {
  override name = 'ImportError';
}

const UPSERT = `mutation($input: UpsertInterventionsInput!) { upsertInterventions(input: $input) { created updated unchanged items { index outcome } } }`;

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function writeState(file: string, state: State): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  await handle.writeFile(JSON.stringify(state));
  await handle.sync(); // the state must be on disk before we believe it
  await handle.close();
  await rename(tmp, file);
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

interface Rejection { row: number; externalId: string; field: string; reason: string }

interface ApiProblem { index?: number; field: string; code?: string; reason: string }

type BatchAnswer =
  | { ok: true; created: number; updated: number; unchanged: number }
  | { ok: false; problems: ApiProblem[] };

async function post(url: string, key: string, items: InterventionInput[], idempotencyKey: string): Promise<BatchAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: UPSERT, variables: { input: { idempotencyKey, items } } }),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    throw Object.assign(new Error(`cannot reach ${url}: ${(error as Error).message}`), { transient: true });
  }
  const body = (await response.json().catch(() => null)) as { data?: any; errors?: Array<{ message: string; extensions?: any }> } | null;
  const error = body?.errors?.[0];
  if (!error && body?.data?.upsertInterventions) return { ok: true, ...body.data.upsertInterventions };
  const code = error?.extensions?.code;
  if (response.status === 429 && code === 'RATE_LIMITED') {
    // The agency's write budget for this window is spent: wait for the reset, then send the same batch (same idempotency key).
    const seconds = Number(error?.extensions?.retryAfterSeconds ?? response.headers.get('retry-after') ?? 60);
    throw Object.assign(new Error(`rate limited by the API for ${seconds} s`), { rateLimitedSeconds: Math.max(1, Math.min(seconds, 3_600)) });
  }
  if ((code === 'BAD_USER_INPUT' || code === 'FORBIDDEN') && Array.isArray(error?.extensions?.problems) && error.extensions.problems.every((p: ApiProblem) => typeof p.index === 'number')) {
    return { ok: false, problems: error.extensions.problems };
  }
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'CONFLICT' || code === 'BAD_USER_INPUT') {
    throw new ImportError(`the API refused the batch (${code}): ${error?.message}`);
  }
  throw Object.assign(new Error(`the API failed (HTTP ${response.status}${code ? `, ${code}` : ''}): ${error?.message ?? 'no answer'}`), { transient: true });
}

export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const t0 = performance.now();
  const batchSize = options.batchSize ?? 250;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 250) throw new ImportError('the batch size must be between 1 and 250');
  const parallel = options.parallel ?? 2;
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 4) throw new ImportError('the batches in flight must be between 1 and 4');
  const format = fileFormat(options.file);
  const stateFile = `${options.file}.import-state.json`;
  const rejectedFile = `${options.file}.rechazados.csv`;
  const info = await stat(options.file).catch(() => null);
  if (!info?.isFile()) throw new ImportError(`no such file: ${options.file}`);
  const { size } = info;
  const fileSha256 = await sha256OfFile(options.file);
  if (format === 'csv') {
    const unknown = unknownColumns(await readCsvHeader(options.file));
    if (unknown.length) throw new ImportError(`the file has columns the format does not define: ${unknown.join(', ')} (see docs/interventions)`);
  }

  let state: State | null = null;
  if (!options.restart) {
    const saved = await readFile(stateFile, 'utf8').then((t) => JSON.parse(t) as State).catch(() => null);
    if (saved) {
      if (saved.fileSha256 !== fileSha256 || saved.fileSize !== size) {
        throw new ImportError(`${stateFile} belongs to another version of the file; run with --restart to import this one from the start`);
      }
      if (saved.batchSize !== batchSize) throw new ImportError(`the interrupted run used batches of ${saved.batchSize}; resume with --batch ${saved.batchSize}`);
      state = saved;
    }
  }
  if (!state) {
    state = { version: 1, runId: randomUUID().slice(0, 13), fileSha256, fileSize: size, batchSize, lastRow: 0, rejectedBytes: 0, batches: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, done: false };
    await unlink(rejectedFile).catch(() => {});
  } else {
    // Rejections written after the last saved state belong to a batch that will be sent again.
    await truncate(rejectedFile, state.rejectedBytes).catch(() => {});
  }
  const resumedFromRow = state.lastRow;
  const totalRows = await countRecords(options.file);
  if (state.rejectedBytes === 0) {
    await writeFile(rejectedFile, 'row,external_id,field,reason\r\n');
    state.rejectedBytes = Buffer.byteLength('row,external_id,field,reason\r\n');
    // Saved before the first batch leaves: a run killed at any point after this resumes with the same keys.
    await writeState(stateFile, state);
  }

  const tRows = performance.now();
  const rowsAtStart = state.lastRow;
  const report = (): Progress => {
    const seconds = (performance.now() - tRows) / 1000;
    return { ...pick(state!), rowsDone: state!.lastRow, totalRows, rowsPerSecond: seconds > 0 ? (state!.lastRow - rowsAtStart) / seconds : 0 };
  };

  interface Batch { items: Array<{ row: number; input: InterventionInput }>; rejections: Rejection[]; lastRow: number; names: Set<string> }
  type Sent = { created: number; updated: number; unchanged: number; rejections: Rejection[] };

  /** Sends one batch until the API takes it: rate limits waited out, transient failures retried, refused items set aside. */
  const send = async (b: Batch): Promise<Sent> => {
    const s = state!;
    const firstRow = b.items[0]?.row;
    const sent: Sent = { created: 0, updated: 0, unchanged: 0, rejections: [] };
    let items = b.items;
    let attempt = 0;
    let round = 0;
    while (items.length > 0) {
      const key = `imp-${s.runId}-${fileSha256.slice(0, 16)}-r${firstRow}${round ? `-retry${round}` : ''}`;
      let answer: BatchAnswer;
      try {
        answer = await post(options.url, options.key, items.map((x) => x.input), key);
      } catch (error) {
        const wait = (error as { rateLimitedSeconds?: number }).rateLimitedSeconds;
        if (wait !== undefined) {
          options.onProgress?.({ ...report(), waitingSeconds: wait });
          await new Promise((r) => setTimeout(r, wait * 1000));
          continue;
        }
        if (!(error as any).transient || ++attempt >= (options.maxAttempts ?? 6)) throw error;
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
        continue;
      }
      if (answer.ok) {
        sent.created = answer.created;
        sent.updated = answer.updated;
        sent.unchanged = answer.unchanged;
        break;
      }
      const bad = new Set<number>();
      for (const p of answer.problems) {
        const entry = items[p.index!]!;
        bad.add(p.index!);
        sent.rejections.push({ row: entry.row, externalId: entry.input.externalId ?? '', field: p.field.replace(/^items\[\d+\]\.?/, ''), reason: `${p.code ? `${p.code}: ` : ''}${p.reason}` });
      }
      items = items.filter((_, i) => !bad.has(i));
      round++;
    }
    return sent;
  };

  /** Notes a sent batch: counts, its rejected rows, and the state (on disk before the next batch is noted). */
  const note = async (b: Batch, sent: Sent) => {
    const s = state!;
    s.created += sent.created;
    s.updated += sent.updated;
    s.unchanged += sent.unchanged;
    const rejections = [...b.rejections, ...sent.rejections];
    s.rejected += new Set(rejections.map((r) => r.row)).size;
    if (rejections.length) {
      rejections.sort((a, c) => a.row - c.row);
      const text = rejections.map((r) => [String(r.row), r.externalId, r.field, r.reason].map(csvCell).join(',')).join('\r\n') + '\r\n';
      await appendFile(rejectedFile, text);
      s.rejectedBytes += Buffer.byteLength(text);
    }
    s.lastRow = b.lastRow;
    s.batches++;
    await writeState(stateFile, s);
    options.onProgress?.(report());
  };

  // Batches in flight, oldest first; each is noted only after every batch before it.
  const inFlight: Array<{ batch: Batch; sent: Promise<Sent> }> = [];
  const noteOldest = async () => {
    const { batch, sent } = inFlight.shift()!;
    await note(batch, await sent);
  };
  const dispatch = async (b: Batch) => {
    while (inFlight.some((f) => [...b.names].some((n) => f.batch.names.has(n)))) await noteOldest();
    while (inFlight.length >= parallel) await noteOldest();
    const sent = send(b);
    sent.catch(() => {}); // seen when its turn comes to be noted
    inFlight.push({ batch: b, sent });
  };

  const fresh = (): Omit<Batch, 'lastRow'> => ({ items: [], rejections: [], names: new Set() });
  let batch = fresh();
  let lastRowSeen = state.lastRow;
  let dispatchedTo = state.lastRow;
  const cut = async () => {
    await dispatch({ ...batch, lastRow: lastRowSeen });
    dispatchedTo = lastRowSeen;
    batch = fresh();
  };
  try {
    for await (const entry of readRecords(options.file, { skip: state.lastRow })) {
      lastRowSeen = entry.row;
      if ('error' in entry) {
        batch.rejections.push({ row: entry.row, externalId: '', field: '', reason: entry.error });
      } else {
        const mapped = toInterventionInput(entry.record, format === 'csv' ? 'csv' : 'json');
        if (mapped.ok) {
          batch.items.push({ row: entry.row, input: mapped.input });
          batch.names.add(`x:${mapped.input.externalId}`);
          if (mapped.input.workId) batch.names.add(`w:${mapped.input.workId}`);
        } else {
          const externalId = String(entry.record.external_id ?? entry.record.externalId ?? '');
          for (const e of mapped.errors) batch.rejections.push({ row: entry.row, externalId, field: e.field, reason: e.reason });
        }
      }
      if (batch.items.length >= batchSize) await cut();
    }
    // The rest: items, rejected rows, or only blank rows after the last batch (the state moves past them).
    if (lastRowSeen > dispatchedTo) await cut();
    while (inFlight.length > 0) await noteOldest();
  } catch (error) {
    // Stopping: what is still in flight may yet be written; a resumed run sends it again under the same keys.
    await Promise.allSettled(inFlight.map((f) => f.sent));
    throw error;
  }
  state.done = true;
  await writeState(stateFile, state);
  if (state.rejected === 0) await unlink(rejectedFile).catch(() => {});
  const seconds = (performance.now() - t0) / 1000;
  return {
    ...pick(state), totalRows, batches: state.batches, seconds, rowsPerSecond: (state.lastRow - rowsAtStart) / ((performance.now() - tRows) / 1000 || 1),
    resumedFromRow, rejectedFile: state.rejected > 0 ? rejectedFile : null, stateFile,
  };
}

function pick(s: Counts): Counts {
  return { created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected };
}
