/**
 * Rate limits shared by gateway instances through PostgreSQL: two limiters on one database stand
 * for two instances. Time is moved by passing `now`, never by sleeping. Real PostgreSQL.
 */
import pg from 'pg';
import { type TestDatabase, createTestDatabase } from '@articula/common/testing';
import { ApiKeyStore } from '../src/api-keys.js';
import { loadGatewayEnv } from '../src/env.js';
import { DEFAULT_LIMITS, type RateLimitResult, RateLimiter, ipSubject, rateLimitedResponse, subjectFor } from '../src/rate-limit.js';

let db: TestDatabase;
let a: RateLimiter;
let b: RateLimiter;
let sql: pg.Client;

const LIMITS = { anonymous: { read: 100, write: 3 }, agency: { read: 100, write: 3 }, official: { read: 30, write: 3 } };

beforeAll(async () => {
  db = await createTestDatabase('rate_limit_test');
  // Opened together, with the API keys' store as the gateway opens it: each migration waits for
  // the others (one advisory lock), none collides on the shared `gateway` schema.
  let keys: ApiKeyStore;
  [a, b, keys] = await Promise.all([
    RateLimiter.open(db.url, { limits: LIMITS, pruneTimer: false }),
    RateLimiter.open(db.url, { limits: LIMITS, pruneTimer: false }),
    ApiKeyStore.open(db.url),
  ]);
  await keys.close();
  sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await a?.close();
  await b?.close();
  await db?.drop();
});

let serial = 0;
const fresh = (prefix = 'ip:198.51.100.') => `${prefix}${++serial}`;
/** A moment well inside a window of its own, so tests with `now` never share one. */
const at = (minute: number, second = 10) => new Date(Date.UTC(2031, 0, 1, 0, minute, second));

describe('a shared budget', () => {
  it('is spent across two instances: the limit is reached after N points in total and the next charge is refused', async () => {
    const subject = fresh('key:artk_');
    const results: RateLimitResult[] = [];
    for (let i = 0; i < 10; i++) results.push(await (i % 2 ? b : a).consume(subject, 10));
    expect(results.every((r) => r.allowed)).toBe(true);
    expect(results.map((r) => r.remaining)).toEqual([90, 80, 70, 60, 50, 40, 30, 20, 10, 0]);

    for (const instance of [a, b]) {
      const refused = await instance.consume(subject, 1);
      expect(refused).toMatchObject({ allowed: false, remaining: 0, limit: 100, subject, kind: 'read' });
      expect(refused.resetAt.getTime()).toBeGreaterThan(Date.now());
      expect(refused.resetAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    }
    const { rows } = await sql.query('select points from gateway.rate_bucket where subject = $1', [subject]);
    expect(rows).toEqual([{ points: 100 }]); // refusals are not counted
  });

  it('keeps the rest of the budget when an expensive charge is refused', async () => {
    const subject = fresh();
    expect((await a.consume(subject, 60, 'read', at(1))).remaining).toBe(40);
    const tooDear = await b.consume(subject, 50, 'read', at(1, 20));
    expect(tooDear).toMatchObject({ allowed: false, remaining: 40 });
    expect(await a.consume(subject, 40, 'read', at(1, 30))).toMatchObject({ allowed: true, remaining: 0 });
    // More than the whole budget is never allowed, even in an empty window.
    expect((await a.consume(fresh(), 101, 'read', at(1))).allowed).toBe(false);
  });

  it('counts writes apart from reads', async () => {
    const subject = fresh('official:');
    expect(await a.consume(subject, 30, 'read')).toMatchObject({ allowed: true, remaining: 0 });
    expect((await a.consume(subject, 1, 'read')).allowed).toBe(false);
    // Reads used up, writes untouched: a bucket of their own, with their own limit.
    const writes = [await a.consume(subject, 1, 'write'), await b.consume(subject, 1, 'write'), await a.consume(subject, 1, 'write')];
    expect(writes.map((w) => [w.allowed, w.remaining, w.limit, w.subject])).toEqual([
      [true, 2, 3, `${subject}:write`], [true, 1, 3, `${subject}:write`], [true, 0, 3, `${subject}:write`],
    ]);
    expect(await b.consume(subject, 1, 'write')).toMatchObject({ allowed: false, kind: 'write' });

    const other = fresh('official:');
    await a.consume(other, 1, 'write');
    expect(await a.consume(other, 1, 'read')).toMatchObject({ allowed: true, remaining: 29 });
  });

  it('is per subject: one exhausted subject does not affect another, and each class has its own limit', async () => {
    const spent = fresh();
    await a.consume(spent, 100);
    expect((await a.consume(spent, 1)).allowed).toBe(false);
    expect(await a.consume(fresh(), 1)).toMatchObject({ allowed: true, remaining: 99, limit: 100 });
    expect(await b.consume(fresh('key:artk_'), 1)).toMatchObject({ allowed: true, remaining: 99 });
    expect(await b.consume(fresh('official:'), 1)).toMatchObject({ allowed: true, limit: 30 });
    await expect(a.consume('someone', 1)).rejects.toThrow(/not a rate-limit subject/);
  });
});

describe('concurrency', () => {
  it('allows exactly 30 of 50 concurrent one-point charges against a limit of 30, whichever instance takes them', async () => {
    const subject = fresh('official:');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).consume(subject, 1)));
    expect(results.filter((r) => r.allowed)).toHaveLength(30);
    expect(results.filter((r) => !r.allowed).every((r) => r.remaining === 0)).toBe(true);
    expect(results.filter((r) => r.allowed).map((r) => r.remaining).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const { rows } = await sql.query('select points from gateway.rate_bucket where subject = $1', [subject]);
    expect(rows).toEqual([{ points: 30 }]);
  });
});

describe('windows', () => {
  it('a new window restores the budget; resetAt is the end of the window', async () => {
    const subject = fresh('key:artk_');
    const first = await a.consume(subject, 100, 'read', at(5, 10));
    expect(first).toMatchObject({ allowed: true, remaining: 0 });
    expect(first.resetAt.toISOString()).toBe('2031-01-01T00:06:00.000Z');
    expect(await b.consume(subject, 1, 'read', at(5, 59))).toMatchObject({ allowed: false, remaining: 0 });

    const next = await b.consume(subject, 1, 'read', at(6, 0));
    expect(next).toMatchObject({ allowed: true, remaining: 99 });
    expect(next.resetAt.toISOString()).toBe('2031-01-01T00:07:00.000Z');
  });

  it('prune drops windows that can no longer be charged and keeps the current ones', async () => {
    const old = fresh();
    const current = fresh();
    await a.consume(old, 5, 'read', at(10));
    await a.consume(current, 5, 'read', at(13));
    await a.prune(at(13, 30));
    const { rows } = await sql.query('select subject from gateway.rate_bucket where subject = any($1)', [[old, current]]);
    expect(rows.map((r) => r.subject)).toEqual([current]);
  });
});

describe('refusals', () => {
  it('have a 429 answer with Retry-After, RateLimit headers and a RATE_LIMITED error', async () => {
    const subject = fresh();
    await a.consume(subject, 100, 'read', at(20, 15));
    const refused = await a.consume(subject, 5, 'read', at(20, 15));
    const response = rateLimitedResponse(refused, at(20, 15));
    expect(response).toEqual({
      status: 429,
      headers: { 'retry-after': '45', 'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-reset': '45' },
      body: {
        errors: [{
          message: expect.stringContaining('try again in 45 s'),
          extensions: { code: 'RATE_LIMITED', resetAt: '2031-01-01T00:21:00.000Z', limit: 100, retryAfterSeconds: 45 },
        }],
      },
    });
    // Never "retry after 0": a client would come back within the same second.
    expect(rateLimitedResponse(refused, at(21, 0)).headers['retry-after']).toBe('1');
    const impossible = await a.consume(fresh(), 500, 'read', at(20));
    expect(rateLimitedResponse(impossible, at(20)).body.errors[0]!.message).toMatch(/costs 500 .* more than the limit/);
  });

  it('are recorded for audit, one row per bucket and window with the number of attempts', async () => {
    const since = new Date(Date.now() - 1000);
    const subject = fresh();
    await a.consume(subject, 3, 'write', at(30));
    const refused = await a.consume(subject, 1, 'write', at(30, 20));
    await a.recordRefusal(refused, { requestId: 'r-1', operationName: 'SubmitRequest' });
    await b.recordRefusal(await b.consume(subject, 1, 'write', at(30, 40)), { requestId: 'r-2' });
    const mine = (await a.refusals(since)).filter((r) => r.subject === `${subject}:write`);
    expect(mine).toEqual([{
      at: expect.any(Date), lastAt: expect.any(Date), subject: `${subject}:write`, reason: 'RATE_LIMITED', attempts: 2,
      detail: { kind: 'write', cost: 1, limit: 3, requestId: 'r-1', operationName: 'SubmitRequest' },
    }]);
  });
});

describe('subjects', () => {
  it('name agencies by key, officials by department, anyone else by address (IPv6 by /64)', () => {
    expect(subjectFor({ kind: 'agency', agency: 'a1', keyPrefix: 'artk_0123456789', scopes: [] }, '10.0.0.1')).toBe('key:artk_0123456789');
    expect(subjectFor({ kind: 'official', subject: 'ana', department: 'GDU' }, '10.0.0.1')).toBe('official:GDU');
    expect(subjectFor({ kind: 'anonymous' }, '203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipSubject('::ffff:203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipSubject('2001:db8:0:12:aaaa:bbbb:cccc:dddd')).toBe('ip:2001:db8:0:12::/64');
    expect(ipSubject('2001:db8::12:1')).toBe('ip:2001:db8:0:0::/64');
    expect(ipSubject('2001:0db8:0000:0012::1%eth0')).toBe('ip:2001:db8:0:12::/64');
    expect(ipSubject('::1')).toBe('ip:0:0:0:0::/64');
    expect(ipSubject(undefined)).toBe('ip:unknown');
  });

  it('default to 3,000 points and 10 writes for an address, 20,000 and 600 for agencies, 60 for officials, 2,000,000 points for bulk keys', async () => {
    const defaults = await RateLimiter.open(db.url, { pruneTimer: false });
    try {
      expect([defaults.limitFor('ip:1.2.3.4', 'read'), defaults.limitFor('ip:1.2.3.4', 'write')]).toEqual([3_000, 10]);
      expect([defaults.limitFor('key:artk_x', 'read'), defaults.limitFor('key:artk_x', 'write')]).toEqual([20_000, 600]);
      expect([defaults.limitFor('bulk:artk_x', 'read'), defaults.limitFor('bulk:artk_x', 'write')]).toEqual([2_000_000, 600]);
      expect([defaults.limitFor('official:GDU', 'read'), defaults.limitFor('official:GDU', 'write')]).toEqual([20_000, 60]);
      expect(DEFAULT_LIMITS.anonymous).toEqual({ read: 3_000, write: 10 });
    } finally {
      await defaults.close();
    }
  });
});

describe('configuration', () => {
  it('refuses budgets its int4 counters could never hold, rather than failing open on every request', async () => {
    await expect(RateLimiter.open(db.url, { limits: { anonymous: { read: 2 ** 31 } }, pruneTimer: false })).rejects.toThrow(/anonymous\.read must be a whole number from 0 to 2147483647/);
    expect(() => loadGatewayEnv({ RATE_LIMITS: 'agency.write=2147483648' })).toThrow(/at most 2147483647/);
    expect(loadGatewayEnv({ RATE_LIMITS: 'agency.write=2147483647,anonymous.read=5' }).RATE_LIMITS).toEqual({ agency: { write: 2_147_483_647 }, anonymous: { read: 5 } });
  });
});

describe('without the database', () => {
  it('lets requests through marked degraded by default, or throws when failOpen is false', async () => {
    const open = await RateLimiter.open(db.url, { limits: LIMITS, pruneTimer: false });
    const closed = await RateLimiter.open(db.url, { limits: LIMITS, pruneTimer: false, failOpen: false });
    await open.close();
    await closed.close();
    expect(await open.consume(fresh(), 5, 'read', at(40, 30))).toMatchObject({
      allowed: true, degraded: true, remaining: 100, resetAt: new Date('2031-01-01T00:41:00.000Z'),
    });
    await expect(closed.consume(fresh(), 5)).rejects.toThrow();
  });
});
