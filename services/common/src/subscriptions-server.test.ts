/**
 * Subscriptions over graphql-ws on a real HTTP server, fed by real PostgreSQL events: a committed
 * write reaches the subscriber; the live-subscription counts follow subscribes, unsubscribes and
 * dropped sockets; a forged identity is refused; each event is resolved with a fresh context; and
 * the subgraph server exposes the counts at /subscriptions and closes with subscriptions open.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { GraphQLBoolean, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type ArticulaEvent, EventBus, publishEvent } from './events.js';
import { IDENTITY_HEADER, type Identity, signIdentity } from './identity.js';
import { createLogger } from './logger.js';
import { type EntityManager, type MikroORM, createOrm } from './orm.js';
import { type BaseContext, type RunningServer, startSubgraphServer } from './server.js';
import { type SubscriptionServer, attachSubscriptionServer } from './subscriptions-server.js';
import { type TestDatabase, createTestDatabase } from './testing/index.js';

const KEY = 'subscriptions-test-signing-key-0123456789';
const OFFICIAL: Identity = { kind: 'official', subject: 'ana', department: 'GDU' };
const quiet = createLogger({}, 'silent');

/** MikroORM refuses to start without an entity; these tests only need its transactions. */
@Entity({ tableName: 'probe' })
class Probe {
  @PrimaryKey()
  id!: number;
}

interface TestContext extends BaseContext {
  serial: number;
}

/** Tells contexts apart in the results: the n-th context created, and which EntityManager it has. */
let contextsCreated = 0;
const emIds = new WeakMap<object, number>();
let emCount = 0;
const emId = (em: EntityManager) => {
  if (!emIds.has(em)) emIds.set(em, ++emCount);
  return emIds.get(em)!;
};

const WorkChanged = new GraphQLObjectType<ArticulaEvent, TestContext>({
  name: 'WorkChanged',
  fields: {
    workId: { type: new GraphQLNonNull(GraphQLString) },
    status: { type: GraphQLString },
    contextSerial: { type: new GraphQLNonNull(GraphQLInt), resolve: (_e, _a, ctx) => ctx.serial },
    entityManager: { type: new GraphQLNonNull(GraphQLInt), resolve: (_e, _a, ctx) => emId(ctx.em) },
    viewer: { type: GraphQLString, resolve: (_e, _a, ctx) => (ctx.identity.kind === 'official' ? ctx.identity.subject : ctx.identity.kind) },
    broken: {
      type: GraphQLString,
      resolve: () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:5432');
      },
    },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean, resolve: () => true } } }),
  subscription: new GraphQLObjectType<unknown, TestContext>({
    name: 'Subscription',
    fields: {
      workChanged: {
        type: new GraphQLNonNull(WorkChanged),
        args: { district: { type: GraphQLString } },
        subscribe: (_root, args: { district?: string }, ctx) =>
          ctx.events.subscribe('work.changed', { filter: (e) => !args.district || (e.districts as string[]).includes(args.district) }),
        resolve: (event) => event,
      },
      budgetChanged: {
        type: GraphQLString,
        subscribe: (_root, _args, ctx) => ctx.events.subscribe('budget.changed'),
        resolve: (event) => (event as ArticulaEvent).budgetId,
      },
    },
  }),
});

let db: TestDatabase;
let orm: MikroORM;
let events: EventBus;
let httpServer: http.Server;
let subscriptions: SubscriptionServer;
let url: string;
const clients: Client[] = [];

const createContext = (identity: Identity, requestId: string): TestContext => ({
  requestId, identity, em: orm.em.fork() as EntityManager, sql: { statements: 0 }, logger: quiet, events, serial: ++contextsCreated,
});

const publish = (event: ArticulaEvent) => orm.em.fork().transactional((em) => publishEvent(em, event));

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function client(connectionParams: Record<string, unknown> = { [IDENTITY_HEADER]: signIdentity(OFFICIAL, KEY) }, target = url): Client {
  const c = createClient({ url: target, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  db = await createTestDatabase('articula_subscriptions');
  orm = await createOrm({ url: db.url, schema: 'public', entities: [Probe], migrations: [] });
  events = await EventBus.start({ databaseUrl: db.url, logger: quiet });
  httpServer = http.createServer((_req, res) => res.writeHead(404).end());
  subscriptions = attachSubscriptionServer<TestContext>({ httpServer, schema, identitySigningKey: KEY, logger: quiet, createContext });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await subscriptions?.close();
  await new Promise((r) => httpServer?.close(r));
  await events?.close();
  await orm?.close();
  await db?.drop();
});

it('streams an event published in a committed transaction; the counts go to 1 and back to 0 on unsubscribe', async () => {
  const results = client().iterate({ query: 'subscription { workChanged(district: "120114") { workId status viewer } }' });
  const first = results.next();
  await waitFor(() => subscriptions.active() === 1, 'the subscription to be active');
  expect(subscriptions.activeByField()).toEqual({ workChanged: 1 });
  expect(events.listenerCount('work.changed')).toBe(1);

  await publish({ topic: 'work.changed', workId: 'elsewhere', districts: ['120101'], status: 'EXECUTION' });
  await publish({ topic: 'work.changed', workId: 'w-1', districts: ['120101', '120114'], status: 'EXECUTION' });

  expect((await first).value).toEqual({ data: { workChanged: { workId: 'w-1', status: 'EXECUTION', viewer: 'ana' } } });
  await results.return!();
  await waitFor(() => subscriptions.active() === 0, 'the subscription to end');
  expect(subscriptions.activeByField()).toEqual({});
  expect(events.listenerCount('work.changed')).toBe(0);
});

it('resolves each event with a fresh context: createContext runs again, with a new EntityManager', async () => {
  const results = client().iterate({ query: 'subscription { workChanged { workId contextSerial entityManager } }' });
  const first = results.next();
  await waitFor(() => subscriptions.active() === 1, 'the subscription to be active');
  const atSubscribe = contextsCreated;

  await publish({ topic: 'work.changed', workId: 'a', districts: [] });
  const a = (await first).value.data.workChanged;
  expect(contextsCreated).toBe(atSubscribe + 1);
  await publish({ topic: 'work.changed', workId: 'b', districts: [] });
  const b = (await results.next()).value.data.workChanged;
  expect(contextsCreated).toBe(atSubscribe + 2);

  expect([a.workId, b.workId]).toEqual(['a', 'b']);
  expect(a.contextSerial).toBe(atSubscribe + 1);
  expect(b.contextSerial).toBe(atSubscribe + 2);
  expect(b.entityManager).not.toBe(a.entityManager);
  await results.return!();
  await waitFor(() => subscriptions.active() === 0, 'the subscription to end');
});

it('counts by root field and releases everything when the socket drops without a goodbye', async () => {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages: any[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((r) => socket.once('open', r));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { [IDENTITY_HEADER]: signIdentity(OFFICIAL, KEY) } }));
  await waitFor(() => messages.some((m) => m.type === 'connection_ack'), 'the connection to be acknowledged');
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { workChanged { workId } }' } }));
  socket.send(JSON.stringify({ id: '2', type: 'subscribe', payload: { query: 'subscription { ... on Subscription { budgetChanged } }' } }));
  socket.send(JSON.stringify({ id: '3', type: 'subscribe', payload: { query: 'subscription S { ...F } fragment F on Subscription { workChanged { workId } }' } }));
  await waitFor(() => subscriptions.active() === 3, 'three subscriptions');
  expect(subscriptions.activeByField()).toEqual({ workChanged: 2, budgetChanged: 1 });

  socket.terminate();

  await waitFor(() => subscriptions.active() === 0, 'the subscriptions to be released');
  expect(subscriptions.activeByField()).toEqual({});
  expect(events.listenerCount()).toBe(0);
});

it('refuses a forged identity with 4403 and serves a connection without one as anonymous', async () => {
  const closeCodes = async (params: Record<string, unknown>) => {
    const c = client(params);
    const closed = new Promise<number>((resolve) => c.on('closed', (event) => resolve((event as { code: number }).code)));
    const results = c.iterate({ query: 'subscription { budgetChanged }' });
    await expect(results.next()).rejects.toMatchObject({ code: 4403 });
    return closed;
  };
  expect(await closeCodes({ [IDENTITY_HEADER]: signIdentity(OFFICIAL, 'not-the-gateways-key') })).toBe(4403);
  expect(await closeCodes({ [IDENTITY_HEADER]: 'v1.e30.AAAA' })).toBe(4403);
  expect(await closeCodes({ [IDENTITY_HEADER]: 42 })).toBe(4403);
  expect(subscriptions.active()).toBe(0);

  const anonymous = client({}).iterate({ query: 'subscription { workChanged { viewer } }' });
  const first = anonymous.next();
  await waitFor(() => subscriptions.active() === 1, 'the anonymous subscription');
  await publish({ topic: 'work.changed', workId: 'w-2', districts: [] });
  expect((await first).value).toEqual({ data: { workChanged: { viewer: 'anonymous' } } });
  await anonymous.return!();
  await waitFor(() => subscriptions.active() === 0, 'the subscription to end');
});

it('masks unexpected errors as on HTTP, and refuses what is not a valid subscription', async () => {
  const c = client();
  const results = c.iterate({ query: 'subscription { workChanged { workId broken } }' });
  const first = results.next();
  await waitFor(() => subscriptions.active() === 1, 'the subscription to be active');
  await publish({ topic: 'work.changed', workId: 'w-3', districts: [] });
  const { value } = await first;
  expect(value.data).toEqual({ workChanged: { workId: 'w-3', broken: null } });
  expect(value.errors).toEqual([{ message: 'Internal server error', path: ['workChanged', 'broken'], locations: [{ line: 1, column: 37 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  expect(JSON.stringify(value)).not.toContain('10.0.0.7');
  await results.return!();

  const refused = async (query: string) => {
    try {
      await c.iterate({ query }).next();
    } catch (errors) {
      return (errors as { extensions: { code: string } }[]).map((e) => e.extensions.code);
    }
    throw new Error('expected the operation to be refused');
  };
  expect(await refused('{ ok }')).toEqual(['BAD_REQUEST']);
  expect(await refused('subscription { nope }')).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  expect(await refused('subscription {')).toEqual(['GRAPHQL_PARSE_FAILED']);
  await waitFor(() => subscriptions.active() === 0, 'nothing to be active');
});

it('answers 404 to a WebSocket on another path', async () => {
  const socket = new WebSocket(url.replace(/\/graphql$/, '/elsewhere'), 'graphql-transport-ws');
  const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
  expect(error.message).toBe('Unexpected server response: 404');
});

describe('on the subgraph server', () => {
  let server: RunningServer;
  let wsUrl: string;

  beforeAll(async () => {
    server = await startSubgraphServer<TestContext>(
      { name: 'test', schema, orm, identitySigningKey: KEY, logger: quiet, events, extendContext: (base) => ({ ...base, serial: ++contextsCreated }) },
      0,
    );
    wsUrl = server.url.replace(/^http/, 'ws');
  });

  const counts = async () => (await fetch(server.url.replace(/\/graphql$/, '/subscriptions'))).json() as Promise<{ active: number; byField: Record<string, number> }>;

  it('serves subscriptions on /graphql next to HTTP, and reports them on /subscriptions', async () => {
    const { active, byField } = await counts();
    expect({ active, byField }).toEqual({ active: 0, byField: {} });
    const results = client(undefined, wsUrl).iterate({ query: 'subscription { workChanged { workId viewer } }' });
    const first = results.next();
    await waitFor(async () => (await counts()).active === 1, '/subscriptions to count the subscription');
    expect(await counts()).toMatchObject({ active: 1, byField: { workChanged: 1 } });

    await publish({ topic: 'work.changed', workId: 'w-4', districts: [] });
    expect((await first).value).toEqual({ data: { workChanged: { workId: 'w-4', viewer: 'ana' } } });
    const query = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ ok }' }) });
    expect(await query.json()).toEqual({ data: { ok: true } });

    await results.return!();
    await waitFor(async () => (await counts()).active === 0, '/subscriptions to drop to 0');
  });

  it('reports a busy port as the one start-up problem it is, without WebSocket noise', async () => {
    const port = Number(new URL(server.url).port);
    const consoleError = console.error;
    const errors: unknown[][] = [];
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      await expect(startSubgraphServer<TestContext>(
        { name: 'test', schema, orm, identitySigningKey: KEY, logger: quiet, events, extendContext: (base) => ({ ...base, serial: 0 }) },
        port,
      )).rejects.toThrow(`Port ${port} is busy.`);
      expect(errors).toEqual([]);
    } finally {
      console.error = consoleError;
    }
  });

  it('closes promptly with a subscription open, ending it for the client', async () => {
    const c = client(undefined, wsUrl);
    const closed = new Promise<number>((resolve) => c.on('closed', (event) => resolve((event as { code: number }).code)));
    const results = c.iterate({ query: 'subscription { budgetChanged }' });
    const pending = results.next().catch((error) => error);
    await waitFor(async () => (await counts()).active === 1, 'the subscription to be active');

    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await closed).toBe(1006);
    await pending;
    expect(events.listenerCount('budget.changed')).toBe(0);
  });
});
