/**
 * Rate limits for the public GraphQL endpoint, held in PostgreSQL so that every gateway instance
 * draws on the same budget (a process-local counter would multiply the limit by the number of
 * instances behind the load balancer).
 *
 * Each subject has a fixed window (a minute by default) and one counter per window in
 * `gateway.rate_bucket`; reads are charged in cost points, writes (mutations) in a bucket of their
 * own (`<subject>:write`). A charge is a single statement: an upsert that adds the points only if
 * they still fit, so concurrent requests on any instance can never overspend, and a refused
 * request writes nothing (a client hammering after its refusal costs a row lock, not a new row
 * version). The price is one PostgreSQL round trip on every /graphql request (about 0.4 ms over
 * loopback, measured on the embedded test server). The table is UNLOGGED: counters lost in a crash
 * or a failover merely forgive one minute, and skipping the WAL keeps that round trip cheap.
 * Requests of one subject serialize on its row for the duration of that statement only.
 *
 * Fixed windows let a subject spend up to twice its limit across a window boundary; that bound is
 * accepted for the simplicity of one row per subject and window.
 *
 * Windows follow the database's clock, not each instance's, so skewed instances still share one
 * window. The schema has its own version table (`gateway.rate_limit_schema_version`): the API-key
 * runner reads `max(version)` of `gateway.schema_version`, so a second sequence in that table
 * would make either runner skip the other's migrations. Both runners take the same advisory lock.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Identity, Logger } from '@articula/common';
import pg from 'pg';
import { BULK_SCOPE } from './limits.js';

export type RateKind = 'read' | 'write';
export type SubjectClass = 'anonymous' | 'agency' | 'official' | 'bulk';
export interface Limits { read: number; write: number }

/** The counters are PostgreSQL int4: a larger budget could never be charged (and the limiter would fail open). */
export const MAX_BUDGET = 2_147_483_647;

/** Per window: reads in cost points, writes in mutations. */
export const DEFAULT_LIMITS: Readonly<Record<SubjectClass, Readonly<Limits>>> = Object.freeze({
  anonymous: Object.freeze({ read: 3_000, write: 10 }),
  // An agency's write is one batch of up to 250 interventions: 600 a minute is 2,500 rows a second.
  agency: Object.freeze({ read: 20_000, write: 600 }),
  official: Object.freeze({ read: 20_000, write: 60 }),
  // Keys with the bulk:read scope (the portal's data step, mirrors): whole datasets every few minutes.
  bulk: Object.freeze({ read: 2_000_000, write: 600 }),
});

export interface RateLimitOptions {
  /** Length of a window in seconds (default 60). */
  windowSeconds?: number;
  /** Overrides of DEFAULT_LIMITS, per class of caller. */
  limits?: Partial<Record<SubjectClass, Partial<Limits>>>;
  /** Connections of the limiter's own pool (default 8): one is busy for every request in flight. */
  poolSize?: number;
  /** Deadline of a charge, connecting included (default 1,000 ms): a slow database must not hold requests. */
  timeoutMs?: number;
  /**
   * When the database cannot be reached or is too slow: true (default) lets the request through,
   * marked `degraded`, as the gateway behaved before it had limits; false makes consume() throw.
   */
  failOpen?: boolean;
  /** Days refused attempts are kept (default 90): anonymous subjects are IP addresses. */
  refusalRetentionDays?: number;
  /** Prune old windows and refusals on a timer (default true; tests call prune() themselves). */
  pruneTimer?: boolean;
  logger?: Logger;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Points (or writes) left in the window after this charge. */
  remaining: number;
  limit: number;
  /** When the window ends and the budget is whole again. */
  resetAt: Date;
  /** The bucket charged: the subject, with `:write` for writes. */
  subject: string;
  kind: RateKind;
  cost: number;
  /** The database could not be asked and the request was let through (failOpen). */
  degraded?: boolean;
}

export interface RefusedAttempt {
  at: Date;
  lastAt: Date;
  subject: string;
  reason: string;
  attempts: number;
  detail: Record<string, unknown>;
}

const MIGRATIONS = [
  `create unlogged table if not exists gateway.rate_bucket (
     subject text not null,
     window_start timestamptz not null,
     points int not null,
     primary key (subject, window_start)
   ) with (fillfactor = 70);
   create index if not exists rate_bucket_window on gateway.rate_bucket (window_start);
   create table if not exists gateway.refused_attempt (
     id bigserial primary key,
     at timestamptz not null default now(),
     last_at timestamptz not null default now(),
     subject text not null,
     reason text not null,
     window_start timestamptz not null,
     attempts int not null default 1,
     detail jsonb not null default '{}',
     unique (subject, reason, window_start)
   );
   create index if not exists refused_attempt_at on gateway.refused_attempt (at);`,
];

/**
 * The window is computed in SQL from the database's clock ($3 only in tests); the points are added
 * only if they fit, both on insert and on update. The decision sees every concurrent charge
 * (ON CONFLICT DO UPDATE locks and re-reads the row's latest version); only `used`, read for a
 * refusal's `remaining`, comes from the statement's snapshot.
 */
const CHARGE = `
  with w as (
    select to_timestamp(floor(extract(epoch from coalesce($3::timestamptz, now())) / $5::int) * $5::int) as start
  ), granted as (
    insert into gateway.rate_bucket as b (subject, window_start, points)
    select $1::text, w.start, $2::int from w where $2::int <= $4::int
    on conflict (subject, window_start) do update set points = b.points + excluded.points
      where b.points + excluded.points <= $4::int
    returning b.points
  )
  select w.start as window_start,
         (select points from granted) as granted,
         (select r.points from gateway.rate_bucket r where r.subject = $1::text and r.window_start = w.start) as used
  from w`;

const MIGRATION_LOCK = `hashtext('articula.gateway.migrations')`;

/** Who is charged: an agency by its key, an official by department, anyone else by address. */
export function subjectFor(identity: Identity, remoteAddress: string | undefined): string {
  switch (identity.kind) {
    case 'agency':
      return identity.scopes.includes(BULK_SCOPE) ? `bulk:${identity.keyPrefix}` : `key:${identity.keyPrefix}`;
    case 'official':
      return `official:${identity.department}`;
    default:
      return ipSubject(remoteAddress);
  }
}

/** IPv6 callers are grouped by /64: one host usually holds a whole /64 and could rotate through it. */
export function ipSubject(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'ip:unknown';
  let address = remoteAddress.split('%')[0]!;
  // A dual-stack socket reports IPv4 callers as ::ffff:a.b.c.d; they are the same caller as a.b.c.d.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  if (isIPv4(address)) return `ip:${address}`;
  if (isIPv6(address)) return `ip:${ipv6Prefix64(address)}/64`;
  return `ip:${address}`;
}

function ipv6Prefix64(address: string): string {
  // An embedded IPv4 tail takes two groups.
  const groups = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const [head = '', tail] = address.split('::');
  const h = groups(head);
  const t = groups(tail ?? '');
  const full = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return `${full.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::`;
}

export function classOf(subject: string): SubjectClass {
  if (subject.startsWith('ip:')) return 'anonymous';
  if (subject.startsWith('key:')) return 'agency';
  if (subject.startsWith('official:')) return 'official';
  if (subject.startsWith('bulk:')) return 'bulk';
  throw new Error(`not a rate-limit subject: ${subject}`);
}

export class RateLimiter {
  private readonly limits: Record<SubjectClass, Limits>;
  private readonly windowSeconds: number;
  private readonly failOpen: boolean;
  private readonly refusalRetentionDays: number;
  private readonly logger?: Logger;
  private timer?: NodeJS.Timeout;
  private lastWarning = 0;

  private constructor(private readonly pool: pg.Pool, options: RateLimitOptions) {
    this.windowSeconds = options.windowSeconds ?? 60;
    if (!Number.isInteger(this.windowSeconds) || this.windowSeconds < 1) throw new Error('windowSeconds must be a whole number of seconds');
    this.limits = Object.fromEntries(
      (Object.keys(DEFAULT_LIMITS) as SubjectClass[]).map((c) => [c, { ...DEFAULT_LIMITS[c], ...options.limits?.[c] }]),
    ) as Record<SubjectClass, Limits>;
    for (const [subjectClass, limits] of Object.entries(this.limits)) {
      for (const [kind, value] of Object.entries(limits)) {
        if (!Number.isInteger(value) || value < 0 || value > MAX_BUDGET) throw new Error(`rate limit ${subjectClass}.${kind} must be a whole number from 0 to ${MAX_BUDGET} (got ${value})`);
      }
    }
    this.failOpen = options.failOpen ?? true;
    this.refusalRetentionDays = options.refusalRetentionDays ?? 90;
    this.logger = options.logger;
    if (options.pruneTimer ?? true) {
      this.timer = setInterval(() => {
        this.prune().catch((error) => this.warn('pruning rate-limit windows failed', error));
      }, this.windowSeconds * 1000);
      this.timer.unref();
    }
  }

  /** Brings the limiter's tables up to date (serialized with the API-key migrations); needs the schema's owner. */
  static migrate(databaseUrl: string): Promise<void> {
    return migrate(databaseUrl);
  }

  /** Connects; by default first brings the limiter's tables up to date. */
  static async open(databaseUrl: string, options: RateLimitOptions & { migrate?: boolean } = {}): Promise<RateLimiter> {
    const timeoutMs = options.timeoutMs ?? 1_000;
    const pool = new pg.Pool({
      connectionString: databaseUrl, max: options.poolSize ?? 8, application_name: 'articula-gateway-rate-limit',
      connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs,
    });
    // An idle client's error (the server restarting) must not crash the gateway; the next query reconnects.
    pool.on('error', (error) => options.logger?.warn('rate-limit database connection lost', { detail: error.message }));
    try {
      if (options.migrate ?? true) await migrate(databaseUrl);
      return new RateLimiter(pool, options);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  limitFor(subject: string, kind: RateKind): number {
    return this.limits[classOf(subject)][kind];
  }

  /**
   * Charges `points` to the subject's read or write bucket for the current window. Refused
   * charges are not counted, so a refused expensive query leaves the budget to cheaper ones.
   * `now` stands in for the database's clock (tests).
   */
  async consume(subject: string, points: number, kind: RateKind = 'read', now?: Date): Promise<RateLimitResult> {
    if (!Number.isFinite(points) || points < 0) throw new Error(`points must be a non-negative number (got ${points})`);
    const cost = Math.ceil(points);
    const limit = this.limitFor(subject, kind);
    const bucket = kind === 'write' ? `${subject}:write` : subject;
    try {
      const { rows } = await this.pool.query<{ window_start: Date; granted: number | null; used: number | null }>(
        CHARGE, [bucket, cost, now ?? null, limit, this.windowSeconds],
      );
      const row = rows[0]!;
      const allowed = row.granted !== null;
      // A refusal reads the statement's snapshot, which may miss a concurrent charge; refused
      // means fewer than `cost` points were left, so that bounds the answer too.
      const remaining = allowed ? limit - row.granted! : Math.min(limit - (row.used ?? 0), cost - 1);
      return {
        allowed, remaining: Math.max(0, remaining), limit, subject: bucket, kind, cost,
        resetAt: new Date(row.window_start.getTime() + this.windowSeconds * 1000),
      };
    } catch (error) {
      if (!this.failOpen) throw error;
      this.warn('rate limit not checked: the database did not answer; the request is let through', error);
      const start = Math.floor((now ?? new Date()).getTime() / (this.windowSeconds * 1000)) * this.windowSeconds * 1000;
      return { allowed: true, remaining: limit, limit, subject: bucket, kind, cost, resetAt: new Date(start + this.windowSeconds * 1000), degraded: true };
    }
  }

  /**
   * Records a refusal for audit. Attempts of one bucket in one window share a row (with a count),
   * so a client looping on its 429 cannot grow the table faster than one row per minute.
   */
  recordRefusal(result: RateLimitResult, detail: Record<string, unknown> = {}, reason = 'RATE_LIMITED'): Promise<void> {
    const windowStart = new Date(result.resetAt.getTime() - this.windowSeconds * 1000);
    return this.recordAttempt(result.subject, reason, { kind: result.kind, cost: result.cost, limit: result.limit, ...detail }, windowStart);
  }

  /**
   * Records any other refused attempt (a bad key, a forbidden operation) the same way: one row per
   * subject, reason and window, with a count. Never throws: the audit of a refusal must not turn
   * the refusal into a failure.
   */
  async recordAttempt(subject: string, reason: string, detail: Record<string, unknown> = {}, now?: Date): Promise<void> {
    try {
      await this.pool.query(
        `insert into gateway.refused_attempt as r (subject, reason, window_start, detail)
         values ($1, $2, to_timestamp(floor(extract(epoch from coalesce($4::timestamptz, now())) / $5::int) * $5::int), $3)
         on conflict (subject, reason, window_start) do update set attempts = r.attempts + 1, last_at = now()`,
        [subject, reason, detail, now ?? null, this.windowSeconds],
      );
    } catch (error) {
      this.warn('a refused attempt could not be recorded', error);
    }
  }

  async refusals(since: Date): Promise<RefusedAttempt[]> {
    const { rows } = await this.pool.query('select at, last_at, subject, reason, attempts, detail from gateway.refused_attempt where last_at >= $1 order by id', [since]);
    return rows.map((r) => ({ at: r.at, lastAt: r.last_at, subject: r.subject, reason: r.reason, attempts: r.attempts, detail: r.detail }));
  }

  /** Drops windows that can no longer be charged, and refusals past their retention. */
  async prune(now?: Date): Promise<{ windows: number; refusals: number }> {
    const { rows } = await this.pool.query<{ windows: number; refusals: number }>(
      `with t as (select coalesce($1::timestamptz, now()) as now),
            w as (delete from gateway.rate_bucket where window_start < (select now from t) - make_interval(secs => 2 * $2::int) returning 1),
            r as (delete from gateway.refused_attempt where last_at < (select now from t) - make_interval(days => $3::int) returning 1)
       select (select count(*) from w)::int as windows, (select count(*) from r)::int as refusals`,
      [now ?? null, this.windowSeconds, this.refusalRetentionDays],
    );
    return rows[0]!;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pool.end();
  }

  /** At most one warning every ten seconds: while the database is down, every request would warn. */
  private warn(message: string, error: unknown) {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger?.warn(message, { detail: String((error as Error)?.message ?? error) });
  }
}

async function migrate(databaseUrl: string): Promise<void> {
  // A client of its own: the pool's query_timeout would cut a migration waiting on the lock.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    await client.query(`create schema if not exists gateway; create table if not exists gateway.rate_limit_schema_version (version int not null)`);
    const { rows } = await client.query<{ v: number | null }>('select max(version) as v from gateway.rate_limit_schema_version');
    for (let v = rows[0]?.v ?? 0; v < MIGRATIONS.length; v++) {
      await client.query('begin');
      await client.query(MIGRATIONS[v]!);
      await client.query('insert into gateway.rate_limit_schema_version (version) values ($1)', [v + 1]);
      await client.query('commit');
    }
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => {});
    await client.end();
  }
}

/** The RateLimit headers (IETF draft): limit, what is left, seconds until the window resets. */
export function rateLimitHeaders(result: RateLimitResult, now: Date = new Date()): Record<'ratelimit-limit' | 'ratelimit-remaining' | 'ratelimit-reset', string> {
  return {
    'ratelimit-limit': String(result.limit),
    'ratelimit-remaining': String(result.remaining),
    'ratelimit-reset': String(secondsUntil(result.resetAt, now)),
  };
}

const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

/** The HTTP answer to a refused request: 429, Retry-After and a GraphQL-shaped error body. */
export function rateLimitedResponse(result: RateLimitResult, now: Date = new Date()) {
  const retryAfterSeconds = secondsUntil(result.resetAt, now);
  const unit = result.kind === 'write' ? 'writes' : 'query cost points';
  // Waiting cannot help an operation dearer than the whole budget; say so rather than invite a retry loop.
  const message = result.cost > result.limit
    ? `Rate limited: this operation costs ${result.cost} ${unit}, more than the limit of ${result.limit} per window; it cannot be served as written.`
    : `Rate limited: the limit of ${result.limit} ${unit} per window is used up; try again in ${retryAfterSeconds} s.`;
  return {
    status: 429 as const,
    headers: { 'retry-after': String(retryAfterSeconds), ...rateLimitHeaders(result, now) },
    body: {
      errors: [{
        message,
        extensions: { code: 'RATE_LIMITED' as const, resetAt: result.resetAt.toISOString(), limit: result.limit, retryAfterSeconds },
      }],
    },
  };
}
