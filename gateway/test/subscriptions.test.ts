/**
 * Subscriptions end to end, with real processes: the platform as `npm start` runs it (gateway and
 * three subgraphs as child processes) plus a second instance of the works subgraph on the same
 * database. Events cross processes through PostgreSQL NOTIFY; the gateway subscribes upstream
 * over graphql-ws and resolves other subgraphs' fields per event.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, identityEnvShape, parseEnv, signIdentity } from '@articula/common';
import { type PlatformProcess, type TestDatabase, createTestDatabase, graphqlRequest, startPlatformProcess } from '@articula/common/testing';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ApiKeyStore } from '../src/api-keys.js';
import { issueOfficialToken } from '../src/auth.js';

const root = new URL('../../', import.meta.url).pathname;
const IDENTITY_KEY = parseEnv(identityEnvShape).IDENTITY_SIGNING_KEY; // the local default both sides use
const TOKEN_SECRET = 'articula-local-development-token-secret-not-for-production';

let db: TestDatabase;
let platform: PlatformProcess;
let worksB: ChildProcess;
let urls: { gateway: string; works: string; participation: string; budget: string; worksB: string };
const clients: Client[] = [];

beforeAll(async () => {
  db = await createTestDatabase('subscriptions');
  const env = { DATABASE_URL: db.url, GATEWAY_PORT: '0', WORKS_PORT: '0', PARTICIPATION_PORT: '0', BUDGET_PORT: '0', PORTAL: 'off', LOG_LEVEL: 'warn' };
  platform = await startPlatformProcess(env);
  const worksBPort = await freePort();
  worksB = spawn(process.execPath, [path.join(root, 'services/works/dist/main.js')], { env: { ...process.env, ...env, WORKS_PORT: String(worksBPort) }, stdio: ['ignore', 'ignore', 'ignore'] });
  urls = { ...platform.urls, worksB: `http://127.0.0.1:${worksBPort}/graphql` };
  for (let i = 0; i < 100; i++) {
    if ((await fetch(urls.worksB.replace('/graphql', '/readyz')).catch(() => null))?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  if (worksB && worksB.exitCode === null) {
    const exited = new Promise((r) => worksB.once('exit', r));
    worksB.kill('SIGTERM');
    await exited;
  }
  await platform?.stop();
  await db?.drop();
});

function client(connectionParams: Record<string, unknown> = {}): Client {
  const c = createClient({ url: urls.gateway.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
  clients.push(c);
  return c;
}

/** Subscribes and collects; `next()` resolves with the next event or rejects after `ms`. */
function collect(c: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: any[] = [];
  const waiters: Array<(e: any) => void> = [];
  let failure: unknown;
  const dispose = c.subscribe({ query, variables }, {
    next: (e) => {
      const w = waiters.shift();
      if (w) w(e);
      else events.push(e);
    },
    error: (e) => (failure = e),
    complete: () => {},
  });
  return {
    dispose,
    failure: () => failure,
    next: (ms: number) => new Promise<any>((resolve, reject) => {
      if (events.length) return resolve(events.shift());
      const timer = setTimeout(() => reject(new Error(`no event within ${ms} ms${failure ? `: ${JSON.stringify(failure)}` : ''}`)), ms);
      waiters.push((e) => {
        clearTimeout(timer);
        resolve(e);
      });
    }),
  };
}

const official = (department: string) => ({ [`x-articula-identity`]: signIdentity({ kind: 'official', subject: 'test', department }, IDENTITY_KEY) });
const upstreamCount = async (url: string) => (await (await fetch(url.replace('/graphql', '/subscriptions'))).json()) as { active: number; byField: Record<string, number>; requests?: number };
const until = async (check: () => Promise<boolean>, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

// Each test starts with no subscription left upstream by the one before (unsubscribing is asynchronous).
beforeEach(async () => {
  expect(await until(async () => (await upstreamCount(urls.works)).active === 0 && (await upstreamCount(urls.participation)).active === 0)).toBe(true);
});

async function municipalWork() {
  const r = await graphqlRequest(urls.gateway, `{ works(first: 1, filter: { department: ["GOP"], status: [IN_EXECUTION] }) { edges { node { id title districts { ubigeo } } } } }`);
  return r.body.data.works.edges[0].node as { id: string; title: string; districts: Array<{ ubigeo: string }> };
}

it('delivers, within a second, an event caused through another instance of the works subgraph, with fields from the other subgraphs', async () => {
  const work = await municipalWork();
  const c = client();
  const sub = collect(c, `subscription($d: [String!]) { workChanged(filter: { district: $d }) { action work { id title agreements { id } budget(year: 2026) { modifiedBudget } } } }`,
    { d: [work.districts[0]!.ubigeo] });
  expect(await until(async () => (await upstreamCount(urls.works)).active >= 1)).toBe(true);
  // The write goes to the second works instance directly; the subscriber hangs on the first, through the gateway.
  const title = `${work.title.slice(0, 200)} (actualizado ${Date.now()})`;
  const write = await graphqlRequest(urls.worksB, `mutation($id: ID!, $t: String!) { updateWork(id: $id, input: { title: $t }) { id title } }`, { id: work.id, t: title }, official('GOP'));
  expect(write.body.errors).toBeUndefined();
  const event = await sub.next(1_000);
  expect(event.errors).toBeUndefined();
  expect(event.data.workChanged).toMatchObject({ action: 'UPDATED', work: { id: work.id, title } });
  expect(Array.isArray(event.data.workChanged.work.agreements)).toBe(true); // from participation
  expect(event.data.workChanged.work).toHaveProperty('budget'); // from budget (null when it has no 2026 lines)
  sub.dispose();
});

it('ends the upstream subscription when the client disconnects', async () => {
  const c = client();
  const sub = collect(c, `subscription { progressReported { work { id } physicalProgress } }`);
  expect(await until(async () => (await upstreamCount(urls.works)).active === 1)).toBe(true);
  await c.dispose();
  expect(await until(async () => (await upstreamCount(urls.works)).active === 0)).toBe(true);
  expect(sub.failure()).toBeUndefined();
});

it('shares one upstream subscription among 200 subscribers, and each event costs one fetch per other subgraph', async () => {
  const work = await municipalWork();
  const query = `subscription($id: ID) { progressReported(workId: $id) { physicalProgress work { id agreements { id } budget(year: 2026) { accrued } } } }`;
  const c = client();
  const subs = Array.from({ length: 200 }, () => collect(c, query, { id: work.id }));
  expect(await until(async () => ((await (await fetch(urls.gateway.replace("/graphql", "/subscriptions"))).json()) as any).clients >= 200)).toBe(true);
  expect((await upstreamCount(urls.works)).active).toBe(1);

  const p0 = (await upstreamCount(urls.participation)).requests!;
  const b0 = (await upstreamCount(urls.budget)).requests!;
  const today = new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);
  const write = await graphqlRequest(urls.worksB, `mutation($id: ID!, $d: Date!) { reportProgress(workId: $id, input: { date: $d, physicalProgress: 61.5 }) { id } }`, { id: work.id, d: today }, official('GOP'));
  expect(write.body.errors).toBeUndefined();
  const events = await Promise.all(subs.map((s) => s.next(2_000)));
  for (const e of events) expect(e.data.progressReported).toMatchObject({ physicalProgress: 61.5, work: { id: work.id } });
  expect((await upstreamCount(urls.participation)).requests! - p0).toBe(1);
  expect((await upstreamCount(urls.budget)).requests! - b0).toBe(1);
  for (const s of subs) s.dispose();
});

it('authenticates at connection time, and refuses a subscription on a field the caller may not read', async () => {
  const anonymous = collect(client(), `subscription { requestAssigned { request { trackingCode } submitter { fullName } } }`);
  await expect(anonymous.next(1_000)).rejects.toThrow();
  expect(JSON.stringify(anonymous.failure())).toMatch(/Cannot query field .*requestAssigned/);

  // An official of the department a request is assigned to hears of it, with the private case.
  const gop = await issueOfficialToken(TOKEN_SECRET, 'GOP', 'official');
  const gpc = await issueOfficialToken(TOKEN_SECRET, 'GPC', 'official');
  const allowed = collect(client({ authorization: `Bearer ${gop}` }), `subscription { requestAssigned { request { trackingCode status assignedDepartment { code } } description submitter { fullName } } }`);
  expect(await until(async () => (await upstreamCount(urls.participation)).byField?.requestAssigned >= 1)).toBe(true);
  const incoming = await graphqlRequest(urls.gateway, `{ assignedRequests(status: [RECEIVED], first: 1) { edges { node { request { trackingCode } } } } }`, undefined, { authorization: `Bearer ${gpc}` });
  const code = incoming.body.data.assignedRequests.edges[0].node.request.trackingCode;
  const moved = await graphqlRequest(urls.gateway, `mutation($c: String!) { moveRequest(trackingCode: $c, to: ASSIGNED, department: "GOP") { status } }`, { c: code }, { authorization: `Bearer ${gpc}` });
  expect(moved.body.errors).toBeUndefined();
  const event = await allowed.next(1_000);
  expect(event.errors).toBeUndefined();
  expect(event.data.requestAssigned.request).toEqual({ trackingCode: code, status: 'ASSIGNED', assignedDepartment: { code: 'GOP' } });
  allowed.dispose();

  const forged = createClient({ url: urls.gateway.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: 'Bearer not-a-token' }, retryAttempts: 0 });
  clients.push(forged);
  const refused = collect(forged, `subscription { progressReported { physicalProgress } }`);
  await expect(refused.next(1_000)).rejects.toThrow();
  expect((refused.failure() as { code?: number })?.code).toBe(4403); // graphql-ws: Forbidden
});

it('tells of an agency\'s imported interventions and of the coordination alerts they raise', async () => {
  const agencies = (await graphqlRequest(urls.gateway, '{ agencies { id acronym } }')).body.data.agencies;
  const regional = agencies.find((a: any) => a.acronym === 'GRJ');
  const store = await ApiKeyStore.open(db.url);
  const { key } = await store.create({ agencyId: regional.id, label: 'subscriptions test', scopes: ['interventions:write'] });
  await store.close();
  const target = (await graphqlRequest(urls.gateway, `{ works(first: 1, filter: { status: [IN_EXECUTION], executorLevel: [NATIONAL] }) {
    edges { node { id sector actualStart plannedStart districts { ubigeo } } } } }`)).body.data.works.edges[0].node;
  const c = client();
  const imported = collect(c, `subscription($a: ID) { interventionsImported(agency: $a) { agency { name } created updated unchanged works { id title } } }`, { a: regional.id });
  const alerts = collect(c, `subscription($d: String) { coordinationAlertRaised(district: $d) { kind work { id executor { name } } partners { id } morePartners } }`, { d: target.districts[0].ubigeo });
  expect(await until(async () => (await upstreamCount(urls.works)).active === 2)).toBe(true);

  const r = await graphqlRequest(urls.gateway, `mutation($input: UpsertInterventionsInput!) { upsertInterventions(input: $input) { created items { workId } } }`, {
    input: { items: [{ externalId: 'GRJ-RT-1', kind: 'WORK', title: 'Intervención regional que coincide con otra', sector: target.sector, status: 'IN_PREPARATION',
      districts: [target.districts[0].ubigeo], plannedStart: target.actualStart ?? target.plannedStart }] },
  }, { authorization: `Bearer ${key}` });
  expect(r.body.errors).toBeUndefined();
  const newId = r.body.data.upsertInterventions.items[0].workId;
  const batch = await imported.next(1_000);
  expect(batch.data.interventionsImported).toMatchObject({ agency: { name: 'Gobierno Regional de Junín' }, created: 1, updated: 0, unchanged: 0, works: [{ id: newId }] });
  const alert = await alerts.next(1_000);
  expect(alert.data.coordinationAlertRaised).toMatchObject({ kind: 'OVERLAPPING_INTERVENTIONS', work: { id: newId, executor: { name: 'Gobierno Regional de Junín' } } });
  expect(alert.data.coordinationAlertRaised.partners.map((p: any) => p.id)).toContain(target.id);
  imported.dispose();
  alerts.dispose();
});
