/**
 * Subgraph faults, with the participation subgraph as its own process (so that it can be killed
 * and stopped) and works and budget in this one: with participation killed, hung (SIGSTOP) or
 * slow (a proxy holding every byte for 3 s), a query across the three subgraphs gets the works and
 * budget data, and null with SUBGRAPH_UNAVAILABLE for participation's fields, within one second;
 * when participation is back the gateway serves it again by itself, with no restart. Mutations are
 * sent once, never again: not when the connection drops after the subgraph ran them, not when the
 * subgraph returns after refusing them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { freePort } from '@articula/common';
import { type GraphQLResponse, type TestDatabase, createTestDatabase, graphqlRequest } from '@articula/common/testing';
import { type BudgetService, startBudgetService } from '@articula/budget';
import { type WorksService, startWorksService } from '@articula/works';
import pg from 'pg';
import { type RunningGateway, startGateway } from '../src/server.js';
import { type LogEntry, SlowLink, recordingLogger, timed, until } from './fault-tools.js';

const root = new URL('../../', import.meta.url).pathname;
const KEY = 'faults-test-identity-key-0123456789abcdef';
const TOKEN_SECRET = 'faults-test-token-secret-0123456789abcdef';
/** The bound the issue sets for answering with a subgraph killed, hung or slow. */
const FAULT_BOUND_MS = 1_000;

let db: TestDatabase;
let admin: pg.Client;
let works: WorksService;
let budget: BudgetService;
let participation: ChildProcess;
let participationPort: number;
let participationUrl: string;
const stops: Array<() => Promise<void>> = [];
const gatewayLogs: LogEntry[] = [];
const figures: string[] = [];

function spawnParticipation(): ChildProcess {
  const child = spawn(process.execPath, [path.join(root, 'services/participation/dist/main.js')], {
    env: { ...process.env, DATABASE_URL: db.url, PARTICIPATION_PORT: String(participationPort), IDENTITY_SIGNING_KEY: KEY, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function participationReady(): Promise<boolean> {
  return (await fetch(new URL('/readyz', participationUrl), { signal: AbortSignal.timeout(1_000) }).catch(() => null))?.ok === true;
}

async function startParticipation(): Promise<void> {
  participation = spawnParticipation();
  expect(await until(participationReady, 90_000)).toBe(true);
}

async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function gatewayTo(participationAt: string): Promise<RunningGateway> {
  const gateway = await startGateway({
    port: 0, subgraphUrls: { works: works.url, participation: participationAt, budget: budget.url }, tokenSecret: TOKEN_SECRET, identitySigningKey: KEY,
    logger: recordingLogger(gatewayLogs),
  });
  // Closed by afterAll unless a test closed it first.
  const close = gateway.close;
  let closing: Promise<void> | undefined;
  gateway.close = () => (closing ??= close());
  stops.push(() => gateway.close());
  return gateway;
}

beforeAll(async () => {
  db = await createTestDatabase('faults');
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  participationPort = await freePort();
  participationUrl = `http://127.0.0.1:${participationPort}/graphql`;
  works = await startWorksService({ databaseUrl: db.url, port: 0, identitySigningKey: KEY });
  await startParticipation();
  const first = await graphqlRequest(participationUrl, '{ agreements(first: 1) { edges { node { id } } } }');
  agreementId = first.body.data.agreements.edges[0].node.id;
  budget = await startBudgetService({ databaseUrl: db.url, port: 0, identitySigningKey: KEY, demo: { worksUrl: works.url, participationUrl } });
}, 180_000);

afterAll(async () => {
  await stopProcess(participation);
  // One failing stop must not leave the rest (a child process above all) running.
  for (const stop of stops.reverse()) await stop().catch((error) => console.error(error));
  await budget?.close();
  await works?.close();
  await admin?.end();
  await db?.drop();
  console.log(`time to answer with participation faulty:\n  ${figures.join('\n  ')}`);
});

/** Fields of all three subgraphs: works (the list), participation (agreements, on each work and one at the root), budget (on each work). */
const QUERY_TEXT = `query($agreement: ID!) {
  works(first: 5, filter: { department: ["GOP"] }) { edges { node { id title agreements { id } budget(year: 2026) { modifiedBudget } } } }
  agreement(id: $agreement) { id text }
}`;
let agreementId: string;
const query = (url: string) => graphqlRequest(url, QUERY_TEXT, { agreement: agreementId });

function expectFull(r: GraphQLResponse): void {
  expect(r.body.errors).toBeUndefined();
  expect(r.body.data.agreement).toMatchObject({ id: agreementId });
  expect(r.body.data.works.edges.length).toBe(5);
  for (const { node } of r.body.data.works.edges) expect(Array.isArray(node.agreements)).toBe(true);
}

const isFull = async (url: string) => {
  const r = await query(url);
  return r.body.errors === undefined && r.body.data?.agreement?.id === agreementId;
};

/** The works and budget data are there; participation's fields are null, with its error and nothing else. */
function expectWithoutParticipation(r: GraphQLResponse): void {
  expect(r.status).toBe(200);
  expect(r.body.data.agreement).toBeNull();
  expect(r.body.data.works.edges.length).toBe(5);
  for (const { node } of r.body.data.works.edges) {
    expect(typeof node.title).toBe('string');
    expect(node.agreements).toBeNull();
    expect(node).toHaveProperty('budget');
  }
  expect(r.body.errors!.length).toBeGreaterThan(0);
  for (const error of r.body.errors!) expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'participation' });
  expect(JSON.stringify(r.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|localhost|timed out/i);
}

/** Budget's data for the same works, to show it still arrives: at least one work has a 2026 budget. */
async function worksWithBudget(gateway: RunningGateway): Promise<number> {
  const r = await query(gateway.url);
  return r.body.data.works.edges.filter((e: any) => e.node.budget !== null).length;
}

it('answers without the killed participation subgraph within a second, and serves it again once it is restarted', async () => {
  const gateway = await gatewayTo(participationUrl);
  expectFull(await query(gateway.url));
  const withBudget = await worksWithBudget(gateway);

  const exited = new Promise((r) => participation.once('exit', r));
  participation.kill('SIGKILL');
  await exited;
  for (const attempt of [1, 2]) {
    const { value: r, ms } = await timed(() => query(gateway.url));
    expectWithoutParticipation(r);
    expect(r.body.data.works.edges.filter((e: any) => e.node.budget !== null).length).toBe(withBudget);
    expect(ms).toBeLessThan(FAULT_BOUND_MS);
    figures.push(`killed, query ${attempt}: ${Math.round(ms)} ms`);
  }
  // A mutation sent meanwhile fails, and is not sent again when the subgraph is back.
  const description = `Mutación durante la caída ${Date.now()}: luminarias en el pasaje.`;
  const refused = await graphqlRequest(gateway.url, SUBMIT, { description });
  expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'participation' });

  await startParticipation();
  expect(await until(() => isFull(gateway.url), 10_000)).toBe(true);
  expectFull(await query(gateway.url));
  expect(await requestsWith(description)).toBe(0);
}, 180_000);

it('answers without the hung (SIGSTOP) participation subgraph within a second, and serves it again after SIGCONT', async () => {
  const gateway = await gatewayTo(participationUrl);
  expectFull(await query(gateway.url));

  participation.kill('SIGSTOP');
  try {
    // The first query finds it still marked up and waits on it until the probe finds it hung;
    // the next ones fail at once.
    for (const attempt of [1, 2, 3]) {
      const { value: r, ms } = await timed(() => query(gateway.url));
      expectWithoutParticipation(r);
      expect(ms).toBeLessThan(FAULT_BOUND_MS);
      figures.push(`hung (SIGSTOP), query ${attempt}: ${Math.round(ms)} ms`);
    }
    const readyz = await (await fetch(gateway.url.replace('/graphql', '/readyz'))).json() as any;
    expect(readyz.circuits.participation).toMatchObject({ state: 'down', reason: 'not answering' });
    expect(readyz.circuits.works).toMatchObject({ state: 'up' });
  } finally {
    participation.kill('SIGCONT');
  }
  expect(await until(() => isFull(gateway.url), 10_000)).toBe(true);
  expectFull(await query(gateway.url));
  const readyz = await (await fetch(gateway.url.replace('/graphql', '/readyz'))).json() as any;
  expect(readyz.circuits.participation).toMatchObject({ state: 'up' });
  expect(gatewayLogs).toContainEqual(expect.objectContaining({ msg: 'subgraph marked down', service: 'participation', reason: 'not answering' }));
  expect(gatewayLogs).toContainEqual(expect.objectContaining({ msg: 'subgraph up again', service: 'participation' }));
}, 60_000);

it('answers without the slow participation subgraph (3 s per byte) within a second, and serves it again when it is fast again', async () => {
  const link = await SlowLink.start({ port: participationPort });
  stops.push(() => link.close());
  const gateway = await gatewayTo(link.url());
  expectFull(await query(gateway.url));

  link.delayMs = 3_000;
  for (const attempt of [1, 2, 3]) {
    const { value: r, ms } = await timed(() => query(gateway.url));
    expectWithoutParticipation(r);
    expect(ms).toBeLessThan(FAULT_BOUND_MS);
    figures.push(`slow (3 s per chunk), query ${attempt}: ${Math.round(ms)} ms`);
  }
  link.delayMs = 0;
  expect(await until(() => isFull(gateway.url), 10_000)).toBe(true);
  expectFull(await query(gateway.url));
  // What the link still holds back must not reach participation during the next test.
  await gateway.close();
  await link.close();
}, 60_000);

const SUBMIT = `mutation($description: String!) {
  submitRequest(input: { kind: NEED, category: STREET_LIGHTING, district: "120107", description: $description }) { trackingCode }
}`;

async function requestsWith(description: string): Promise<number> {
  const { rows } = await admin.query('select count(*)::int as n from participation.citizen_request where description = $1', [description]);
  return rows[0].n;
}

/** GraphQL requests the participation process has served over HTTP since it started. */
async function participationRequests(): Promise<number> {
  return ((await (await fetch(new URL('/subscriptions', participationUrl))).json()) as { requests: number }).requests;
}

it('never sends a mutation twice: when the connection drops after the subgraph ran it, the client gets an error and the write exists once', async () => {
  // An HTTP proxy that passes everything, but for a mutation it waits for the subgraph's answer and
  // then drops the gateway's connection instead of passing the answer on.
  let mutationsSeen = 0;
  const proxy = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length', 'keep-alive'].includes(k))) as Record<string, string>;
      const upstream = await fetch(`http://127.0.0.1:${participationPort}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
      const answer = Buffer.from(await upstream.arrayBuffer());
      if (body.toString().includes('submitRequest')) {
        mutationsSeen += 1;
        req.socket.destroy();
        return;
      }
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(answer);
    })().catch(() => res.destroy()); // participation gone (afterAll): the probe just fails
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  stops.push(() => new Promise((r) => proxy.close(() => r())));
  const gateway = await gatewayTo(`http://127.0.0.1:${(proxy.address() as { port: number }).port}/graphql`);
  expectFull(await query(gateway.url));

  const description = `Mutación con conexión cortada ${Date.now()}: falta alumbrado en el pasaje.`;
  // Counted once nothing else is arriving at participation.
  let served = await participationRequests();
  for (let previous = -1; served !== previous; served = await participationRequests()) {
    previous = served;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const r = await graphqlRequest(gateway.url, SUBMIT, { description });
  expect(r.body.data).toBeNull();
  expect(r.body.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'participation' });

  // Give any retry every chance to happen, then count: one request reached the subgraph, one row exists.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(mutationsSeen).toBe(1);
  expect(await participationRequests()).toBe(served + 1);
  expect(await requestsWith(description)).toBe(1);
}, 60_000);

it('does not mark a healthy subgraph down under load, nor while the gateway itself is busy', async () => {
  // Here the gateway, works and budget share one event loop, so any stall of it stalls them all.
  const gateway = await gatewayTo(participationUrl);
  expectFull(await query(gateway.url));
  const downs = () => gatewayLogs.filter((e) => e.msg === 'subgraph marked down' && e.service !== 'participation').length;
  const before = downs();

  // 100 concurrent queries across the three subgraphs, three rounds.
  for (let round = 0; round < 3; round++) {
    const answers = await Promise.all(Array.from({ length: 100 }, () => query(gateway.url)));
    for (const r of answers) expect(r.body.errors).toBeUndefined();
  }
  // The event loop blocked for 1.5 s (a long synchronous task, a GC pause): probes waiting then must not count it.
  const until = Date.now() + 1_500;
  while (Date.now() < until) { /* busy */ }
  await new Promise((r) => setTimeout(r, 300));
  expectFull(await query(gateway.url));
  expect(downs()).toBe(before);
}, 60_000);
