/**
 * EventBus and publishEvent on a real PostgreSQL: events arrive at commit in every listening
 * process and never from a rolled-back transaction; a killed listener reconnects by itself; a
 * stuck subscriber is ended instead of queueing without bound; rows do not fit in an event.
 */
import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import pg from 'pg';
import {
  type ArticulaEvent, EVENTS_CHANNEL, EventBus, EventPayloadTooLargeError, EventQueueOverflowError, MAX_EVENT_PAYLOAD_BYTES, publishEvent, publishEvents,
} from './events.js';
import type { Logger } from './logger.js';
import { type MikroORM, createOrm } from './orm.js';
import { type TestDatabase, createTestDatabase } from './testing/index.js';

interface LogLine {
  level: string;
  msg: string;
  fields?: Record<string, unknown>;
}

function recordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push({ level, msg, fields });
  };
  const logger: Logger & { lines: LogLine[] } = {
    lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger,
  };
  return logger;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** MikroORM refuses to start without an entity; these tests only need its transactions. */
@Entity({ tableName: 'probe' })
class Probe {
  @PrimaryKey()
  id!: number;
}

let db: TestDatabase;
let orm: MikroORM;
const buses: EventBus[] = [];

async function startBus(options: { reconnectDelayMs?: number; logger?: Logger } = {}): Promise<EventBus> {
  const bus = await EventBus.start({ databaseUrl: db.url, logger: options.logger ?? recordingLogger(), reconnectDelayMs: options.reconnectDelayMs });
  buses.push(bus);
  return bus;
}

/** Publishes in its own committed transaction, as a writer would. */
const publish = (event: ArticulaEvent) => orm.em.fork().transactional((em) => publishEvent(em, event));

/** Everything a bus hands to one handler of the topic. */
function collect(bus: EventBus, topic: string): ArticulaEvent[] {
  const seen: ArticulaEvent[] = [];
  bus.on(topic, (e) => {
    seen.push(e);
  });
  return seen;
}

beforeAll(async () => {
  db = await createTestDatabase('articula_events');
  orm = await createOrm({ url: db.url, schema: 'public', entities: [Probe], migrations: [] });
});

afterAll(async () => {
  await Promise.all(buses.map((b) => b.close()));
  await orm?.close();
  await db?.drop();
});

it('delivers an event published in a committed transaction to every listening process', async () => {
  const [a, b] = [await startBus(), await startBus()];
  const [seenA, seenB] = [collect(a, 'work.changed'), collect(b, 'work.changed')];
  const event = { topic: 'work.changed', workId: 'w-1', districts: ['120101', '120114'], executorLevel: 'PROVINCIAL', status: 'EXECUTION' };

  await publish(event);

  await waitFor(() => seenA.length === 1 && seenB.length === 1, 'both buses to receive the event');
  expect(seenA).toEqual([event]);
  expect(seenB).toEqual([event]);
  // Handlers share one object: it cannot be changed under the next handler.
  expect(Object.isFrozen(seenA[0])).toBe(true);
});

it('delivers nothing from a rolled-back transaction', async () => {
  const bus = await startBus();
  const seen = collect(bus, 'budget.changed');

  await expect(orm.em.fork().transactional(async (em) => {
    await publishEvent(em, { topic: 'budget.changed', budgetId: 'rolled-back' });
    throw new Error('the write failed');
  })).rejects.toThrow('the write failed');
  // NOTIFYs arrive in commit order: once a later committed event is here, an earlier one would be too.
  await publish({ topic: 'budget.changed', budgetId: 'committed-after' });

  await waitFor(() => seen.length >= 1, 'the committed event');
  await new Promise((r) => setTimeout(r, 300));
  expect(seen.map((e) => e.budgetId)).toEqual(['committed-after']);
});

it('reconnects by itself after its connection is killed, and later events still arrive', async () => {
  const logger = recordingLogger();
  const bus = await startBus({ reconnectDelayMs: 20, logger });
  const seen = collect(bus, 'work.changed');
  const killed = bus.backendPid!;
  expect(killed).toEqual(expect.any(Number));

  const [row] = await orm.em.fork().execute<{ terminated: boolean }[]>('select pg_terminate_backend(?) as terminated', [killed]);
  expect(row!.terminated).toBe(true);

  await waitFor(() => bus.reconnects === 1 && bus.connected, 'the bus to reconnect');
  expect(bus.backendPid).not.toBe(killed);
  const listening = await orm.em.fork().execute<{ pid: number }[]>(`select pid from pg_stat_activity where application_name = 'articula-events' and query ilike 'listen%'`);
  expect(listening.map((r) => r.pid)).toContain(bus.backendPid);
  expect(listening.map((r) => r.pid)).not.toContain(killed);
  expect(logger.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['event listener connection lost; reconnecting', 'event listener reconnected']));

  await publish({ topic: 'work.changed', workId: 'after-reconnect' });
  await waitFor(() => seen.length === 1, 'an event after the reconnection');
  expect(seen[0]!.workId).toBe('after-reconnect');
});

it('keeps trying, with growing delays, while the database refuses, and reconnects once it answers', async () => {
  const logger = recordingLogger();
  const bus = await startBus({ reconnectDelayMs: 20, logger });
  const seen = collect(bus, 'work.changed');
  const failed = () => logger.lines.filter((l) => l.msg === 'event listener reconnection failed');
  // From another database (PostgreSQL will not lock out the session's own), in a session opened
  // before: while the database refuses connections, no pool could get a new one.
  const admin = new pg.Client({ connectionString: process.env.ARTICULA_TEST_ADMIN_URL });
  await admin.connect();
  const database = pg.escapeIdentifier(new URL(db.url).pathname.slice(1));
  try {
    await admin.query(`alter database ${database} with allow_connections false`);
    try {
      await admin.query('select pg_terminate_backend($1)', [bus.backendPid]);
      await waitFor(() => failed().length >= 3, 'failed attempts');
    } finally {
      await admin.query(`alter database ${database} with allow_connections true`);
    }
  } finally {
    await admin.end();
  }
  const [d1, d2, d3] = failed().map((l) => l.fields!.retryInMs as number);
  expect(d1! < d2! && d2! < d3!).toBe(true);
  await waitFor(() => bus.connected, 'the bus to reconnect', 15_000);
  expect(bus.reconnects).toBe(1);

  await publish({ topic: 'work.changed', workId: 'after-outage' });
  await waitFor(() => seen.length === 1, 'an event after the outage');
});

it('serves a topic as an async iterator, filtered, in order; return() releases the listener even while next() waits', async () => {
  const bus = await startBus();
  const events = bus.subscribe('work.changed', { filter: (e) => (e.districts as string[]).includes('120114') });
  expect(bus.listenerCount('work.changed')).toBe(1);

  await publish({ topic: 'work.changed', workId: 'elsewhere', districts: ['120101'] });
  await publish({ topic: 'work.changed', workId: 'first', districts: ['120114'] });
  await publish({ topic: 'work.changed', workId: 'second', districts: ['120101', '120114'] });
  expect((await events.next()).value.workId).toBe('first');
  expect((await events.next()).value.workId).toBe('second');

  const pending = events.next();
  await events.return!();
  await expect(pending).resolves.toEqual({ value: undefined, done: true });
  expect(bus.listenerCount('work.changed')).toBe(0);
  expect(bus.listenerCount()).toBe(0);
});

it('ends a stuck subscriber with an error instead of queueing without bound, and releases its listener', async () => {
  const logger = recordingLogger();
  const bus = await startBus({ logger });
  const stuck = bus.subscribe('work.changed', { maxQueue: 3 });
  const healthy = collect(bus, 'work.changed');
  expect(bus.listenerCount('work.changed')).toBe(2);

  // One transaction, distinct payloads (PostgreSQL folds identical ones within a transaction).
  await orm.em.fork().transactional(async (em) => {
    for (let i = 1; i <= 5; i++) await publishEvent(em, { topic: 'work.changed', workId: `w-${i}` });
  });

  await waitFor(() => healthy.length === 5, 'all five events');
  expect(bus.listenerCount('work.changed')).toBe(1);
  await expect(stuck.next()).rejects.toThrow(EventQueueOverflowError);
  await expect(stuck.next()).resolves.toEqual({ value: undefined, done: true });
  expect(logger.lines.some((l) => l.msg === 'event subscriber too slow, ended')).toBe(true);
});

it('refuses a payload over the limit without sending anything: events carry ids, not rows', async () => {
  const calls: unknown[] = [];
  const em = { execute: async (sql: string, params: unknown[]) => calls.push({ sql, params }) };
  const big = { topic: 'work.changed', workIds: Array.from({ length: 300 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) };
  expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(MAX_EVENT_PAYLOAD_BYTES);

  await expect(publishEvent(em, big)).rejects.toThrow(EventPayloadTooLargeError);
  await expect(publishEvent(em, { topic: 'x', note: 'ñ'.repeat(4_000) })).rejects.toThrow(/bytes/); // bytes, not characters
  expect(calls).toEqual([]);
  await publishEvent(em, { topic: 'work.changed', workId: 'w-1' });
  expect(calls).toEqual([{ sql: 'select pg_notify(?, ?)', params: [EVENTS_CHANNEL, '{"topic":"work.changed","workId":"w-1"}'] }]);
});

it('logs and drops malformed notifications, and survives a failing handler', async () => {
  const logger = recordingLogger();
  const bus = await startBus({ logger });
  const seen: ArticulaEvent[] = [];
  bus.on(() => true, () => {
    throw new Error('a buggy handler');
  });
  bus.on(() => true, (e) => {
    seen.push(e);
  });

  const em = orm.em.fork();
  for (const payload of ['not json', '[1,2]', '{"no":"topic"}', '{"topic":""}']) await em.execute('select pg_notify(?, ?)', [EVENTS_CHANNEL, payload]);
  await publish({ topic: 'work.changed', workId: 'valid' });

  await waitFor(() => seen.length === 1, 'the valid event');
  expect(seen[0]!.workId).toBe('valid');
  expect(logger.lines.filter((l) => l.msg === 'malformed event dropped')).toHaveLength(4);
  expect(logger.lines.filter((l) => l.msg === 'event handler failed')).toHaveLength(1);
});

it('ends open iterators on close and fails to start on an unreachable database', async () => {
  const bus = await startBus();
  const events = bus.subscribe('work.changed');
  const pending = events.next();
  await bus.close();
  await expect(pending).resolves.toEqual({ value: undefined, done: true });
  expect(bus.listenerCount()).toBe(0);

  const unreachable = new URL(db.url);
  unreachable.pathname = '/articula_no_such_database';
  await expect(EventBus.start({ databaseUrl: unreachable.toString(), logger: recordingLogger() })).rejects.toThrow(/does not exist/);
});

it('publishes a bulk write\'s events in one statement per hundred, delivered in order at commit', async () => {
  const bus = await startBus();
  const seen = collect(bus, 'bulk.test');
  await orm.em.fork().transactional((em) => publishEvents(em, Array.from({ length: 250 }, (_, i) => ({ topic: 'bulk.test', n: i }))));
  await waitFor(() => seen.length === 250, '250 events');
  expect(seen.map((e) => e.n)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  // All or nothing: one oversized event refuses the whole batch before anything is sent.
  const big = 'x'.repeat(MAX_EVENT_PAYLOAD_BYTES);
  await expect(orm.em.fork().transactional((em) => publishEvents(em, [{ topic: 'bulk.test', n: 999 }, { topic: 'bulk.test', big }]))).rejects.toThrow(EventPayloadTooLargeError);
  await publish({ topic: 'bulk.test', n: 1000 });
  await waitFor(() => seen.length === 251, 'the marker event');
  expect(seen.at(-1)!.n).toBe(1000);
});
