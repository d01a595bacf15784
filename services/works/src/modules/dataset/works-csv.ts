/**
 * The works dataset as CSV: `GET /datasets/works.csv`, what journalists and mirrors download
 * instead of paging through the API (a million works paged 100 at a time took hours; this takes
 * as long as PostgreSQL's own COPY). The rows come straight from `COPY (select …) TO STDOUT WITH
 * (FORMAT csv, HEADER true)` and are piped to the response with backpressure: nothing is held in
 * memory but the chunks in flight, whatever the size, and a slow reader slows the COPY down.
 *
 * Public data only, one row per work in the order `title, id` (index work_title_id_idx, so rows
 * stream as they are read, with no sort): the columns of WORKS_CSV_COLUMNS. A contractor's name
 * and RUC are given only for legal entities (RUC starting 20): a natural person's RUC contains
 * their DNI, so both are left empty then, as in the portal's datasets.
 *
 * Optional filters: `district` (a UBIGEO of the province), `sector`, `status`, one value each;
 * anything else, or a value outside those closed lists, is answered 400 BAD_USER_INPUT with the
 * field and the reason, and nothing runs. COPY takes no bind parameters, so the validated values
 * are inlined as quoted literals.
 *
 * Exports run on a small pool of their own (the service's role, never the administrator's), so
 * that long downloads never take the connections GraphQL requests need; each runs in a read-only
 * repeatable-read transaction with a statement limit generous enough for a slow download
 * (EXPORT_STATEMENT_TIMEOUT_MS) instead of the requests' few seconds. A client that goes away
 * mid-download stops the COPY: its connection is discarded (closing the socket ends the backend's
 * COPY; `client_connection_check_interval` ends one still computing), never returned to the pool.
 */
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { ErrorCode, HUANCAYO_UBIGEOS, InputProblems, WORKS_CSV_PATH, type SubgraphRouteRuntime, type SubgraphRoutes, redactPersonalData } from '@articula/common';
import type express from 'express';
import type { GraphQLError } from 'graphql';
import pg from 'pg';
import { type CopyToStreamQuery, to as copyTo } from 'pg-copy-streams';
import { Sector, WorkStatus } from '../work/work.enums.js';

/** The header row, in this order. */
export const WORKS_CSV_COLUMNS = [
  'id', 'cui', 'infobras_code', 'title', 'kind', 'sector', 'status', 'executor', 'executor_level', 'department', 'districts',
  'planned_start', 'planned_end', 'actual_start', 'actual_end', 'investment_cost', 'contract_amount', 'contractor_name', 'contractor_ruc',
  'physical_progress', 'updated_at',
] as const;

/** Exports running at once in one process; more wait for a free connection (EXPORT_WAIT_MS), then get 503. */
const EXPORT_CONNECTIONS = 4;
const EXPORT_WAIT_MS = 5_000;
/** A download slower than this (a million rows at about 100 kB/s) is cut; filters make smaller files. */
const EXPORT_STATEMENT_TIMEOUT_MS = 30 * 60_000;
/** How often PostgreSQL checks, while the COPY computes, that the client is still connected. */
const CLIENT_CHECK_INTERVAL_MS = 1_000;

export interface WorksCsvFilter {
  district?: string;
  sector?: Sector;
  status?: WorkStatus;
}

const SECTORS = new Set<string>(Object.values(Sector));
const STATUSES = new Set<string>(Object.values(WorkStatus));
const FILTERS = ['district', 'sector', 'status'] as const;

/** Reads the filters from a query string; throws BAD_USER_INPUT (every problem, the first's field and reason) for anything else. */
export function readWorksCsvFilter(query: Record<string, unknown>): WorksCsvFilter {
  const problems = new InputProblems();
  const filter: WorksCsvFilter = {};
  for (const [name, value] of Object.entries(query)) {
    if (!(FILTERS as readonly string[]).includes(name)) {
      problems.add(name, `unknown parameter; the filters are ${FILTERS.join(', ')}`);
    } else if (typeof value !== 'string') {
      problems.add(name, 'give one value');
    } else if (name === 'district') {
      if (HUANCAYO_UBIGEOS.has(value)) filter.district = value;
      else problems.add(name, 'not the UBIGEO of a district of the province of Huancayo (six digits, 120101 to 120136)');
    } else if (name === 'sector') {
      if (SECTORS.has(value)) filter.sector = value as Sector;
      else problems.add(name, `not a sector; one of ${[...SECTORS].join(', ')}`);
    } else if (STATUSES.has(value)) {
      filter.status = value as WorkStatus;
    } else {
      problems.add(name, `not a status; one of ${[...STATUSES].join(', ')}`);
    }
  }
  problems.throwIfAny();
  return filter;
}

/** The SELECT the dataset is copied from: schema-qualified, so that it runs on any connection (the benchmark's COPY baseline runs it too). */
export function worksCsvQuery(filter: WorksCsvFilter = {}): string {
  const where: string[] = [];
  if (filter.district) where.push(`exists (select 1 from works.work_district f where f.work_id = w.id and f.ubigeo = ${pg.escapeLiteral(filter.district)})`);
  if (filter.sector) where.push(`w.sector = ${pg.escapeLiteral(filter.sector)}`);
  if (filter.status) where.push(`w.status = ${pg.escapeLiteral(filter.status)}`);
  const legalEntity = `w.contractor_ruc like '20%'`;
  return `select w.id, w.cui, w.infobras_code, w.title, w.kind, w.sector, w.status,
       a.name as executor, a.level as executor_level, d.code as department,
       array_to_string(array(select wd.ubigeo from works.work_district wd where wd.work_id = w.id order by wd.ubigeo), '|') as districts,
       w.planned_start, w.planned_end, w.actual_start, w.actual_end, w.investment_cost, w.contract_amount,
       case when ${legalEntity} then w.contractor_name end as contractor_name,
       case when ${legalEntity} then w.contractor_ruc end as contractor_ruc,
       w.physical_progress,
       to_char(w.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at
  from works.work w
  join works.agency a on a.id = w.executor_id
  left join works.department d on d.id = w.department_id${where.length ? `\n where ${where.join(' and ')}` : ''}
 order by w.title, w.id`;
}

/** `obras.csv`, or with the filters in the name: `obras-120124-transport.csv`. */
const fileName = (filter: WorksCsvFilter) =>
  `obras${[filter.district, filter.sector, filter.status].filter(Boolean).map((v) => `-${v!.toLowerCase()}`).join('')}.csv`;

/** A GraphQL-shaped error body, as the API answers everywhere. */
const errorBody = (message: string, extensions: Record<string, unknown>) => ({ errors: [{ message, extensions }] });

/** Mounts GET /datasets/works.csv on the works subgraph's app; `close` ends the exports' pool. */
export function mountWorksCsv(app: express.Express, runtime: SubgraphRouteRuntime): SubgraphRoutes {
  const logger = runtime.logger.child({ component: 'dataset' });
  const pool = new pg.Pool({
    connectionString: runtime.databaseUrl, max: EXPORT_CONNECTIONS, connectionTimeoutMillis: EXPORT_WAIT_MS, application_name: 'articula-works-export',
    options: `-c statement_timeout=${EXPORT_STATEMENT_TIMEOUT_MS} -c client_connection_check_interval=${CLIENT_CHECK_INTERVAL_MS}`,
  });
  // An idle connection's error (PostgreSQL restarting) must not crash the service; the next export reconnects.
  pool.on('error', (error) => logger.warn('export database connection lost', { detail: redactPersonalData(error.message) }));

  app.get(WORKS_CSV_PATH, async (req, res) => {
    const requestId = String(req.headers['x-request-id'] ?? randomUUID());
    const log = logger.child({ requestId });
    let filter: WorksCsvFilter;
    try {
      filter = readWorksCsvFilter(req.query as Record<string, unknown>);
    } catch (error) {
      const { message, extensions } = error as GraphQLError;
      res.status(400).json(errorBody(message, extensions));
      return;
    }
    const headers = {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName(filter)}"`,
      'cache-control': 'public, max-age=60',
    };
    if (req.method === 'HEAD') {
      res.set(headers).end();
      return;
    }
    // A client that goes away stops the COPY at once, even one still computing its next rows.
    let gone = false;
    let copy: CopyToStreamQuery | undefined;
    res.once('close', () => {
      gone = !res.writableFinished;
      if (gone) copy?.destroy();
    });

    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      log.warn('works dataset export could not start', { detail: redactPersonalData((error as Error).message) });
      res.status(503).set('retry-after', '10').json(errorBody('The export cannot start right now; try again shortly.', { code: 'SERVICE_UNAVAILABLE' }));
      return;
    }
    if (gone) {
      client.release();
      return;
    }
    // A checked-out connection that PostgreSQL drops emits 'error': heard here, not as an uncaught exception.
    let failure: Error | undefined;
    const onLost = (error: Error) => {
      failure ??= error;
    };
    client.on('error', onLost);

    const started = performance.now();
    try {
      await client.query('begin transaction isolation level repeatable read, read only');
      copy = client.query(copyTo(`copy (${worksCsvQuery(filter)}) to stdout with (format csv, header true)`));
      // Also heard when closing the connection mid-COPY fails the COPY once more, after all is over.
      copy.on('error', onLost);
      // Nothing is sent before PostgreSQL has started the COPY: a refusal can still be a plain 500.
      const chunks = copy[Symbol.asyncIterator]();
      const first = await chunks.next();
      res.status(200).set(headers);
      await pipeline(async function* () {
        if (!first.done) yield first.value;
        yield* chunks;
      }, res);
      await client.query('commit');
      client.off('error', onLost);
      client.release();
      log.info('works dataset exported', { rows: copy.rowCount, ms: Math.round(performance.now() - started), ...filter });
    } catch (error) {
      // The connection may be mid-COPY: it is closed (its backend's COPY ends with it), never reused.
      client.release(error as Error);
      if (gone && !failure) {
        log.info('works dataset export abandoned by the client', { ms: Math.round(performance.now() - started), ...filter });
        return;
      }
      log.error('works dataset export failed', { detail: redactPersonalData(String((failure ?? (error as Error))?.message ?? error)), ...filter });
      // Once rows are on their way, a client can only be told by a response that ends abruptly.
      if (res.headersSent) res.destroy();
      else if (!gone) res.status(500).json(errorBody('Internal server error', { code: ErrorCode.INTERNAL_SERVER_ERROR }));
    }
  });

  return { close: () => pool.end() };
}
